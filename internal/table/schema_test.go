package table_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"jixiao/internal/gen"
	"jixiao/internal/table"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(table.Schema()))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(table.SchemaFile, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(table.SchemaFile)
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, what string, b []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", what, err)
	}
	return s.Validate(v)
}

// Every table we write as JSON is valid jixiao.table/v1: the seed, and a
// generated corpus with all its defects (which are data, not errors).
func TestEveryJSONExportValidatesAgainstTheSchema(t *testing.T) {
	s := compileSchema(t)
	var docs []struct {
		name string
		b    []byte
	}
	write := func(name string, res *table.Result) {
		var buf bytes.Buffer
		if err := table.WriteJSON(&buf, res.Table); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, struct {
			name string
			b    []byte
		}{name, buf.Bytes()})
	}
	write("seed", readSeed(t))
	for i := 0; i < 150; i++ {
		tb := gen.Table(gen.Options{Seed: 11, DefectRate: 0.6}, i)
		table.ParseTargets(tb)
		tb.Version, tb.Hash = 1, strings.Repeat("ab", 32)
		write(tb.Source, &table.Result{Table: tb})
	}
	for _, d := range docs {
		if err := validate(t, s, d.name, d.b); err != nil {
			t.Errorf("%s does not validate:\n%v", d.name, err)
		}
	}
}

func TestSchemaRejectsWhatReadersWouldNot(t *testing.T) {
	s := compileSchema(t)
	var buf bytes.Buffer
	if err := table.WriteJSON(&buf, readSeed(t).Table); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		says string
		edit func(m map[string]any)
	}{
		{"money as a number", "at '/total'", func(m map[string]any) { m["total"] = 27793.94 }},
		{"unknown field", "'colour' not allowed", func(m map[string]any) { m["colour"] = "red" }},
		{"another schema", "at '/schema'", func(m map[string]any) { m["schema"] = "jixiao.table/v2" }},
		{"unknown money unit", "at '/money_unit'", func(m map[string]any) { m["money_unit"] = "美元" }},
		{"project without a name", "at '/projects/0/name'", func(m map[string]any) { firstProject(m)["name"] = "" }},
		{"numeric target without its value", "missing property 'value'", func(m map[string]any) { delete(target(m, "annual"), "value") }},
		{"target of an unknown kind", "annual/kind", func(m map[string]any) { target(m, "annual")["kind"] = "vague" }},
		{"deadline that is not a date", "annual/date", func(m map[string]any) {
			tg := target(m, "annual")
			tg["kind"], tg["date"] = "deadline", "31/12/2024"
			delete(tg, "op")
			delete(tg, "value")
			delete(tg, "implicit_op")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			tt.edit(m)
			b, _ := json.Marshal(m)
			if err := validate(t, s, tt.name, b); err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("validation: %v\nwant a failure %s", err, tt.says)
			}
		})
	}
}

func firstProject(m map[string]any) map[string]any { return m["projects"].([]any)[0].(map[string]any) }

// target is the first indicator's period or annual target (numeric in the seed).
func target(m map[string]any, which string) map[string]any {
	return firstProject(m)["indicators"].([]any)[0].(map[string]any)[which].(map[string]any)
}
