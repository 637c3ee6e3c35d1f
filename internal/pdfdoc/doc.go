// Package pdfdoc renders printable documents of one kind: a title, a line
// of particulars under it, and a table whose header row repeats on every
// page and whose cells wrap Chinese text by the rules of Chinese
// typesetting (no line starts with a closing mark such as ，。）》, none ends
// with an opening one). Pages are A4 landscape and numbered
// “第 N 页 / 共 M 页”.
//
// The published 绩效目标表 is one such document (internal/table builds it);
// the 自评表 will be another. Fonts are TrueType files with Chinese glyphs,
// found on the system (FindFont) or named by the user (LoadFont); a font
// collection (.ttc) gives its first face.
package pdfdoc
