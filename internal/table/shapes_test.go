package table_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"jixiao"
	"jixiao/internal/table"
)

// ProjectJSON is the project as it stands in the table's document.
func TestProjectJSON(t *testing.T) {
	tab := readSeed(t).Table
	var doc bytes.Buffer
	if err := table.WriteJSON(&doc, tab); err != nil {
		t.Fatal(err)
	}
	var whole struct {
		Projects []json.RawMessage `json:"projects"`
	}
	if err := json.Unmarshal(doc.Bytes(), &whole); err != nil {
		t.Fatal(err)
	}
	for i, p := range tab.Projects() {
		got, err := table.ProjectJSON(tab, p)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		json.Compact(&want, whole.Projects[i])
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("project %d:\n%s\nwant\n%s", i+1, got, want.Bytes())
		}
	}
	// A project of no unit of t is written under its own org.
	got, err := table.ProjectJSON(tab, &jixiao.Project{Name: "孤立", Org: "某单位"})
	if err != nil || !bytes.Contains(got, []byte(`"org":"某单位"`)) {
		t.Errorf("lone project: %s, %v", got, err)
	}
}
