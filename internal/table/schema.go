package table

import (
	"embed"
	"io/fs"
)

// SchemaFile is the name of the JSON Schema of jixiao.table/v1, in
// SchemaFS and in the open-data zip.
const SchemaFile = "jixiao.table.v1.schema.json"

//go:embed schema/jixiao.table.v1.schema.json
var schemaFS embed.FS

// SchemaFS holds the JSON Schema (draft 2020-12) of jixiao.table/v1 at
// SchemaFile, for the web app to serve; every table WriteJSON writes
// validates against it (tested).
var SchemaFS fs.FS = mustSub(schemaFS, "schema")

// Schema returns the JSON Schema of jixiao.table/v1.
func Schema() []byte {
	b, err := fs.ReadFile(SchemaFS, SchemaFile)
	if err != nil {
		panic(err) // embedded at build time
	}
	return b
}

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return s
}
