package table

// JSONShapes returns zero values of the Go types behind jixiao.table/v1:
// the document, one of its projects and one indicator. The API derives
// its published schemas from them, so that the documentation describes
// what WriteJSON writes rather than a copy that could drift from it.
func JSONShapes() (doc, project, indicator any) {
	return tableJSON{}, projectJSON{}, indicatorJSON{}
}
