// Command benchstatic is the baseline of scripts/bench-web: the least an
// HTTP server in Go can do per request, serving one small file from memory
// with net/http and nothing else, on the same machine and in the same run
// as the app it is compared with.
//
// Usage: go run ./scripts/benchstatic ADDR FILE
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: benchstatic ADDR FILE")
		os.Exit(2)
	}
	body, err := os.ReadFile(os.Args[2])
	if err != nil {
		log.Fatal(err)
	}
	size := strconv.Itoa(len(body))
	http.HandleFunc("GET /file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Content-Length", size)
		w.Write(body)
	})
	log.Fatal(http.ListenAndServe(os.Args[1], nil))
}
