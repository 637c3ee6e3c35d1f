package table

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffLen is how much of a file decides its encoding. Published tables are
// small; a large file is judged by its head, and a bad byte later is still
// caught by the line reader.
const sniffLen = 64 << 10

// decodeUTF8 returns a reader of r's text as UTF-8 and a note when it was
// converted (GBK/GB18030, UTF-16). It rejects empty and binary input.
func decodeUTF8(r io.Reader, file string) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, "", invalid(&ParseError{File: file, Expected: "绩效目标表的文本（标题、单位名称、表头和项目行）", Got: "空文件"})
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		return br, "", nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		return transform.NewReader(br, dec), "文件是 UTF-16 编码，已转换为 UTF-8", nil
	}
	if looksBinary(head) {
		return nil, "", invalid(&ParseError{File: file, Expected: "文本文件（UTF-8 或 GBK 编码）", Got: "二进制数据"})
	}
	if validUTF8Prefix(head) {
		return br, "", nil
	}
	if decodesAsCJK(head, simplifiedchinese.GB18030) {
		return transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), "文件是 GBK/GB18030 编码，已转换为 UTF-8", nil
	}
	return nil, "", invalid(&ParseError{File: file, Expected: "UTF-8 或 GBK 编码的文本", Got: "无法识别的编码"})
}

// looksBinary reports NUL bytes or a high share of control characters, which
// no text extracted from a PDF or typed by a person has.
func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return ctrl*100 > len(b) // more than 1 %
}

// validUTF8Prefix is utf8.Valid, forgiving a rune cut off at the end of the
// sniffed window.
func validUTF8Prefix(b []byte) bool {
	if len(b) < sniffLen { // the whole file: nothing was cut
		return utf8.Valid(b)
	}
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return false
}

// decodesAsCJK reports whether b decodes without replacement characters and
// mostly into Han characters among the non-ASCII ones.
func decodesAsCJK(b []byte, enc encoding.Encoding) bool {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil && len(b) < sniffLen {
		return false
	}
	han, other := 0, 0
	for _, r := range string(out) {
		switch {
		case r < 0x80:
		case r == utf8.RuneError:
			other += 10
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
			han++
		default:
			other++
		}
	}
	return han > 0 && han >= 4*other
}
