package table

import (
	"bytes"
	"encoding/json"

	"jixiao"
)

// JSONShapes returns zero values of the Go types behind jixiao.table/v1:
// the document, one of its projects and one indicator. The API derives
// its published schemas from them, so that the documentation describes
// what WriteJSON writes rather than a copy that could drift from it.
func JSONShapes() (doc, project, indicator any) {
	return tableJSON{}, projectJSON{}, indicatorJSON{}
}

// ProjectJSON returns project p of t as WriteJSON writes it in t's
// document, on one line: what the API serves for one project, without
// writing the whole table.
func ProjectJSON(t *jixiao.Table, p *jixiao.Project) ([]byte, error) {
	one := &jixiao.Table{MoneyUnit: t.MoneyUnit}
	for _, u := range t.Units {
		for _, q := range u.Projects {
			if q == p {
				one.Units = []jixiao.Unit{{Name: u.Name, Projects: []*jixiao.Project{p}}}
			}
		}
	}
	if one.Units == nil {
		one.Units = []jixiao.Unit{{Name: p.Org, Projects: []*jixiao.Project{p}}}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(toJSON(one).Projects[0]); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
