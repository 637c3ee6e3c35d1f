package table

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"jixiao"
)

// Format names an interchange format.
type Format string

const (
	FormatText Format = "text"
	FormatJSON Format = "json"
	FormatCSV  Format = "csv"
)

// Read reads a table in any format this package reads, chosen by content:
// JSON starts with "{", everything else is the published text layout.
func Read(r io.Reader, opts ReadOptions) (*Result, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	if bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("{")) {
		return ReadJSON(br, opts)
	}
	return ReadText(br, opts)
}

// ReadFile opens and reads one file; "-" is standard input.
func ReadFile(path string, stdin io.Reader, opts ReadOptions) (*Result, error) {
	if opts.File == "" {
		opts.File = path
	}
	if path == "-" {
		return Read(stdin, opts)
	}
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 文件不存在", path)
		}
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 无法打开：%v", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 是目录，不是文件", path)
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".xlsx", ".xls", ".pdf", ".doc", ".docx", ".zip":
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s: 暂不支持 %s 文件；请导入文本版式（.txt/.tsv）或 jixiao.table/v1 JSON", path, ext)
	}
	res, err := Read(f, opts)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return res, nil
}

// Write writes t in format f.
func Write(w io.Writer, t *jixiao.Table, f Format) error {
	switch f {
	case FormatText:
		return WriteText(w, t)
	case FormatJSON:
		return WriteJSON(w, t)
	case FormatCSV:
		return WriteCSV(w, t)
	}
	return jixiao.Errorf(jixiao.EINVALID, "未知的导出格式 %q：可用 json、text、csv", f)
}
