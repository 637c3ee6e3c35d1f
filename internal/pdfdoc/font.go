package pdfdoc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"jixiao"
)

// Font is a TrueType face with Chinese glyphs, ready to embed.
type Font struct {
	Path string // the file it came from
	ttf  []byte // one face, as a plain .ttf
}

// probe is the text a font must be able to show: Chinese, the full-width
// punctuation of Chinese text, digits and the comparators of targets.
const probe = "项目支出绩效目标表，。（）：；第页共≥≤%0123456789"

// maxFontBytes bounds a font file read into memory; CJK collections are
// 5–40 MB.
const maxFontBytes = 128 << 20

// LoadFont reads a TrueType font (.ttf) or collection (.ttc, first face
// that fits) and checks that it can be embedded and shows Chinese.
func LoadFont(path string) (*Font, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "字体文件 %s 无法读取：%v", path, err)
	}
	if st.Size() > maxFontBytes {
		return nil, jixiao.Errorf(jixiao.EINVALID, "字体文件 %s 过大（%d MB）", path, st.Size()>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "字体文件 %s 无法读取：%v", path, err)
	}
	fs, err := faces(data)
	if err != nil {
		return nil, jixiao.Errorf(jixiao.EINVALID, "%s 不是 TrueType 字体（.ttf/.ttc）：%v", path, err)
	}
	cff := false
	for _, f := range fs {
		if !f.trueTypeOutlines() {
			cff = true
			continue
		}
		if missing := f.missing(probe); missing != "" {
			continue
		}
		return &Font{Path: path, ttf: f.standalone()}, nil
	}
	if cff {
		return nil, jixiao.Errorf(jixiao.EINVALID, "字体 %s 是 CFF（PostScript）字形的 OpenType 字体，无法嵌入 PDF：请改用 TrueType 字形的中文字体，如文泉驿微米黑（fonts-wqy-microhei）、宋体 simsun.ttc、微软雅黑 msyh.ttc", path)
	}
	return nil, jixiao.Errorf(jixiao.EINVALID, "字体 %s 缺少中文字形（如“%s”）：请改用中文字体", path, fs[0].missing(probe))
}

// missing returns the characters of s the face has no glyph for.
func (f *sfnt) missing(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !f.hasGlyph(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Candidates are the fonts FindFont tries, in order: TrueType-outlined
// Chinese fonts of Debian/Ubuntu, Fedora, Windows and macOS.
var Candidates = []string{
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
	"/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
	"/usr/share/fonts/truetype/arphic/uming.ttc",
	"/usr/share/fonts/truetype/arphic/ukai.ttc",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
	`C:\Windows\Fonts\simsun.ttc`,
	`C:\Windows\Fonts\msyh.ttc`,
	`C:\Windows\Fonts\msyh.ttf`,
	`C:\Windows\Fonts\simhei.ttf`,
	`C:\Windows\Fonts\simkai.ttf`,
	"/System/Library/Fonts/STHeiti Light.ttc",
	"/System/Library/Fonts/STHeiti Medium.ttc",
	"/System/Library/Fonts/Supplemental/Songti.ttc",
	"/Library/Fonts/Arial Unicode.ttf",
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
}

// fontDirs are searched, after the candidates, for any font that fits.
func fontDirs() []string {
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	if runtime.GOOS == "windows" {
		dirs = append(dirs, filepath.Join(os.Getenv("WINDIR"), "Fonts"))
	}
	return dirs
}

// FindFont returns the first usable Chinese font on this system. When
// there is none, the error says what to install.
func FindFont() (*Font, error) { return findFont(Candidates, fontDirs()) }

func findFont(candidates, dirs []string) (*Font, error) {
	var tried []string
	for _, p := range candidates {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		f, err := LoadFont(p)
		if err == nil {
			return f, nil
		}
		tried = append(tried, p)
	}
	for _, dir := range dirs {
		var found *Font
		stop := errors.New("found")
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			ext := strings.ToLower(filepath.Ext(p))
			if ext != ".ttf" && ext != ".ttc" {
				return nil
			}
			if info, err := d.Info(); err != nil || info.Size() < 1<<20 { // Chinese fonts are large
				return nil
			}
			if f, err := LoadFont(p); err == nil {
				found = f
				return stop
			}
			tried = append(tried, p)
			return nil
		})
		if found != nil {
			return found, nil
		}
	}
	msg := "没有找到可嵌入 PDF 的中文 TrueType 字体。请安装一个，如 Debian/Ubuntu：apt-get install fonts-wqy-microhei（或 fonts-arphic-uming）；" +
		"Fedora：dnf install wqy-microhei-fonts；或用 --font 指定 .ttf/.ttc 文件（Windows 的 simsun.ttc、msyh.ttc 可用）。" +
		"注意 fonts-noto-cjk 是 CFF 字形，无法嵌入"
	if len(tried) > 0 {
		if len(tried) > 5 {
			tried = append(tried[:5], "…")
		}
		msg += fmt.Sprintf("。已试过但不可用：%s", strings.Join(tried, "、"))
	}
	return nil, jixiao.Errorf(jixiao.EINVALID, "%s (no usable CJK TrueType font)", msg)
}
