package pdfdoc

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// sfnt is the table directory of one TrueType/OpenType face.
type sfnt struct {
	data   []byte
	tables map[string][]byte
}

var errNotFont = errors.New("not a TrueType or OpenType font")

// parseFace reads the face whose offset table starts at off in data (0 for
// a plain .ttf; a collection lists the offsets of its faces).
func parseFace(data []byte, off int) (*sfnt, error) {
	if off < 0 || off+12 > len(data) {
		return nil, errNotFont
	}
	switch string(data[off : off+4]) {
	case "\x00\x01\x00\x00", "true", "OTTO":
	default:
		return nil, errNotFont
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	if off+12+16*n > len(data) {
		return nil, fmt.Errorf("%w: table directory runs past the end", errNotFont)
	}
	f := &sfnt{data: data, tables: make(map[string][]byte, n)}
	for i := 0; i < n; i++ {
		rec := data[off+12+16*i:]
		tag := string(rec[:4])
		start, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(start)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("%w: table %q runs past the end", errNotFont, tag)
		}
		f.tables[tag] = data[start : start+length]
	}
	return f, nil
}

// faces returns the faces of a font file: one for .ttf/.otf, each face of a
// .ttc collection.
func faces(data []byte) ([]*sfnt, error) {
	if len(data) >= 12 && string(data[:4]) == "ttcf" {
		n := int(binary.BigEndian.Uint32(data[8:]))
		if n < 1 || n > 256 || 12+4*n > len(data) {
			return nil, fmt.Errorf("%w: bad collection header", errNotFont)
		}
		var out []*sfnt
		for i := 0; i < n; i++ {
			f, err := parseFace(data, int(binary.BigEndian.Uint32(data[12+4*i:])))
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
		return out, nil
	}
	f, err := parseFace(data, 0)
	if err != nil {
		return nil, err
	}
	return []*sfnt{f}, nil
}

// trueTypeOutlines reports glyf outlines, which the PDF writer can subset
// and embed. CFF outlines (OpenType "OTTO", as in Noto CJK) it cannot.
func (f *sfnt) trueTypeOutlines() bool {
	return f.tables["glyf"] != nil && f.tables["loca"] != nil
}

// standalone writes the face as a plain .ttf: a new table directory with
// the face's tables copied after it, each on a four-byte boundary. Table
// checksums are unchanged, since the tables are.
func (f *sfnt) standalone() []byte {
	tags := make([]string, 0, len(f.tables))
	for tag := range f.tables {
		tags = append(tags, tag)
	}
	sortStrings(tags) // the directory is sorted by tag
	n := len(tags)
	size := 12 + 16*n
	for _, tag := range tags {
		size += (len(f.tables[tag]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out[0:], 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sr, es := 1, 0
	for sr*2 <= n {
		sr, es = sr*2, es+1
	}
	binary.BigEndian.PutUint16(out[6:], uint16(sr*16))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-sr*16))
	for i, tag := range tags {
		t := f.tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t)))
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// hasGlyph looks r up in the face's Unicode character map (format 4 or
// 12), so that a font without Chinese is passed over before embedding.
func (f *sfnt) hasGlyph(r rune) bool {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return false
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := 0; i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if !(platform == 3 && (encoding == 1 || encoding == 10) || platform == 0) || off+4 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch binary.BigEndian.Uint16(sub) {
		case 4:
			if format4Has(sub, r) {
				return true
			}
		case 12:
			if format12Has(sub, r) {
				return true
			}
		}
	}
	return false
}

func format4Has(sub []byte, r rune) bool {
	if r > 0xFFFF || len(sub) < 14 {
		return false
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if 16+8*segs > len(sub) {
		return false
	}
	ends, starts := sub[14:], sub[16+2*segs:]
	for i := 0; i < segs; i++ {
		end, start := rune(binary.BigEndian.Uint16(ends[2*i:])), rune(binary.BigEndian.Uint16(starts[2*i:]))
		if r <= end {
			return r >= start && r != 0xFFFF
		}
	}
	return false
}

func format12Has(sub []byte, r rune) bool {
	if len(sub) < 16 {
		return false
	}
	n := int(binary.BigEndian.Uint32(sub[12:]))
	for i := 0; i < n && 16+12*i+12 <= len(sub); i++ {
		g := sub[16+12*i:]
		if rune(binary.BigEndian.Uint32(g)) <= r && r <= rune(binary.BigEndian.Uint32(g[4:])) {
			return true
		}
	}
	return false
}
