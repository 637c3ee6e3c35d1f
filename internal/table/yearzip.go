package table

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"jixiao"
)

// WriteYearZip writes the open-data download of a set of tables (a fiscal
// year, as the web app serves it): each table as jixiao.table/v1 JSON, as
// the long CSV (UTF-8 with BOM) and as an Excel workbook, with the JSON
// Schema and a 说明.txt that says what is what. Files are named
// <year>_<org>_v<version>. A table that a format cannot carry (see
// WriteXLSX) is left out of that format only, and 说明.txt says so; the
// zip fails only when writing fails.
func WriteYearZip(w io.Writer, tables []*jixiao.Table) error {
	zw := zip.NewWriter(w)
	put := func(name string, modified time.Time, body []byte) error {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified}
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		_, err = f.Write(body)
		return err
	}
	used := map[string]bool{}
	var listed, left []string
	for _, t := range tables {
		base := uniqueName(used, fmt.Sprintf("%d_%s_v%d", t.FiscalYear, safeFileName(t.Org), max(t.Version, 1)))
		listed = append(listed, fmt.Sprintf("%s\t%s %d 年，%d 个项目，%d 个指标，合计 %s %s", base, t.Org, t.FiscalYear,
			len(t.Projects()), t.IndicatorCount(), t.Total.Total.FormatGrouped(moneyUnit(t)), moneyUnit(t)))
		for _, f := range []struct {
			ext    string
			format Format
		}{{".json", FormatJSON}, {".csv", FormatCSV}, {".xlsx", FormatXLSX}} {
			var buf bytes.Buffer
			if err := Write(&buf, t, f.format); err != nil {
				if jixiao.ErrorCode(err) == jixiao.EINVALID {
					left = append(left, base+f.ext+"："+jixiao.ErrorMessage(err))
					continue
				}
				return fmt.Errorf("year zip %s%s: %w", base, f.ext, err)
			}
			if err := put(base+f.ext, t.ImportedAt, buf.Bytes()); err != nil {
				return err
			}
		}
	}
	if err := put(SchemaFile, time.Time{}, Schema()); err != nil {
		return err
	}
	if err := put("说明.txt", time.Time{}, []byte(yearZipReadme(listed, left))); err != nil {
		return err
	}
	return zw.Close()
}

func yearZipReadme(listed, left []string) string {
	sort.Strings(listed)
	var b strings.Builder
	b.WriteString("项目支出绩效目标表 公开数据\r\n\r\n")
	b.WriteString("每张表三种格式：\r\n")
	b.WriteString("  .json  jixiao.table/v1，结构见 " + SchemaFile + "（JSON Schema 2020-12）。金额是所注金额单位下的十进制字符串。\r\n")
	b.WriteString("  .csv   每行一个绩效指标，UTF-8（带 BOM，Excel 可直接打开）。\r\n")
	b.WriteString("  .xlsx  Excel 工作簿：“绩效目标表”为发布版式，“指标明细”每行一个指标。\r\n\r\n")
	fmt.Fprintf(&b, "共 %d 张表：\r\n", len(listed))
	for _, l := range listed {
		b.WriteString("  " + l + "\r\n")
	}
	if len(left) > 0 {
		b.WriteString("\r\n以下文件未能生成：\r\n")
		for _, l := range left {
			b.WriteString("  " + l + "\r\n")
		}
	}
	return b.String()
}

// safeFileName keeps a name usable as a file name on every system.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`/\:*?"<>| `, r) {
			return '_'
		}
		return r
	}, s)
	if s == "" {
		return "_"
	}
	return shorten(s, 60)
}

func uniqueName(used map[string]bool, base string) string {
	name := base
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	used[name] = true
	return name
}
