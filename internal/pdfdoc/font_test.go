package pdfdoc

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"jixiao"
)

// fakeFont builds an sfnt with the given tables, in a collection of n
// copies when n > 0.
func fakeFont(version string, tables map[string][]byte, n int) []byte {
	face := (&sfnt{tables: tables}).standalone()
	copy(face, version)
	if n == 0 {
		return face
	}
	head := make([]byte, 12+4*n)
	copy(head, "ttcf")
	binary.BigEndian.PutUint32(head[4:], 0x00010000)
	binary.BigEndian.PutUint32(head[8:], uint32(n))
	var out []byte
	for i := 0; i < n; i++ {
		binary.BigEndian.PutUint32(head[12+4*i:], uint32(len(head)))
	}
	// Every face points at the same directory, whose table offsets are
	// relative to the file: shift them past the header.
	shifted := append([]byte(nil), face...)
	nt := int(binary.BigEndian.Uint16(shifted[4:]))
	for i := 0; i < nt; i++ {
		rec := shifted[12+16*i+8:]
		binary.BigEndian.PutUint32(rec, binary.BigEndian.Uint32(rec)+uint32(len(head)))
	}
	out = append(out, head...)
	return append(out, shifted...)
}

// cmap4 maps the characters of s (each its own segment) to glyph 1.
func cmap4(s string) []byte {
	var rs []rune
	for _, r := range s {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] }) // segments ascend
	rs = append(rs, 0xFFFF)
	segs := len(rs)
	sub := make([]byte, 16+8*segs)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*segs))
	for i, r := range rs { // ends, then starts (after a pad); deltas and offsets left 0
		binary.BigEndian.PutUint16(sub[14+2*i:], uint16(r))
		binary.BigEndian.PutUint16(sub[16+2*segs+2*i:], uint16(r))
	}
	head := make([]byte, 12)
	binary.BigEndian.PutUint16(head[2:], 1)
	binary.BigEndian.PutUint16(head[4:], 3)
	binary.BigEndian.PutUint16(head[6:], 1)
	binary.BigEndian.PutUint32(head[8:], 12)
	return append(head, sub...)
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFontsThatCannotServeAreRefusedWithAReason(t *testing.T) {
	tests := []struct {
		name string
		font []byte
		says string
	}{
		{"not a font", []byte("hello, not a font at all"), "不是 TrueType 字体"},
		{"CFF outlines (OpenType like Noto CJK)", fakeFont("OTTO", map[string][]byte{"CFF ": {1}, "cmap": cmap4(probe)}, 2), "CFF"},
		{"no Chinese glyphs", fakeFont("\x00\x01\x00\x00", map[string][]byte{"glyf": {0}, "loca": {0}, "cmap": cmap4("abc")}, 0), "缺少中文字形"},
		{"a collection whose directory runs past the end", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x09"), "不是 TrueType 字体"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFont(writeTemp(t, "f.ttc", tt.font))
			if jixiao.ErrorCode(err) != jixiao.EINVALID || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("LoadFont: %v, want an error saying %q", err, tt.says)
			}
		})
	}
}

func TestACollectionGivesItsFirstFittingFaceAsAPlainFont(t *testing.T) {
	ttc := fakeFont("\x00\x01\x00\x00", map[string][]byte{"glyf": {1, 2, 3}, "loca": {0, 0}, "cmap": cmap4(probe)}, 2)
	f, err := LoadFont(writeTemp(t, "f.ttc", ttc))
	if err != nil {
		t.Fatal(err)
	}
	face, err := parseFace(f.ttf, 0)
	if err != nil || !face.trueTypeOutlines() || face.missing(probe) != "" || string(face.tables["glyf"]) != "\x01\x02\x03" {
		t.Errorf("extracted face: %v, tables %v", err, face)
	}
}

func TestNoFontSaysWhatToInstall(t *testing.T) {
	_, err := findFont([]string{"/nonexistent/simsun.ttc"}, []string{t.TempDir()})
	for _, want := range []string{"apt-get install fonts-wqy-microhei", "--font", "fonts-noto-cjk 是 CFF"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("FindFont without fonts: %v, want it to say %q", err, want)
		}
	}
}

// The fonts the CI installs: WenQuanYi Micro Hei is TrueType and loads;
// Noto CJK is CFF and is refused.
func TestSystemFonts(t *testing.T) {
	for _, c := range []struct {
		path string
		ok   bool
	}{{"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", true}, {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", false}} {
		if _, err := os.Stat(c.path); err != nil {
			if os.Getenv("CI") != "" {
				t.Errorf("CI must have %s (see .ci/run)", c.path)
			}
			continue
		}
		f, err := LoadFont(c.path)
		if (err == nil) != c.ok {
			t.Errorf("LoadFont(%s): %v, want ok=%v", c.path, err, c.ok)
		}
		if err == nil && len(f.ttf) < 1<<20 {
			t.Errorf("%s: face of %d bytes", c.path, len(f.ttf))
		}
	}
}
