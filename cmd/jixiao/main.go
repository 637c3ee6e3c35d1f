// Command jixiao manages the performance targets of public project
// expenditures (项目支出绩效目标): it reads published target tables, stores
// them, exports them in open formats and generates synthetic ones.
//
// main only wires the process to run, so that tests drive the whole command
// line through run with their own arguments, streams and environment.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
