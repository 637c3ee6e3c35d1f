package table

import (
	"io"

	"jixiao"
)

// PDFOptions configure WritePDF.
type PDFOptions struct {
	FontFile string // a TrueType font with Chinese glyphs; "" finds one on the system
}

// WritePDF is not written yet.
func WritePDF(w io.Writer, t *jixiao.Table, opts PDFOptions) error {
	return jixiao.Errorf(jixiao.EINVALID, "PDF 尚未实现")
}
