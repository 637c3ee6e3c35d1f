package conf

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeBothSyntaxesToOneShape(t *testing.T) {
	toml := "# 设置\nname = \"x\"\n[weights]\n\"产出\" = 50\nrate = 0.5\nlist = [1, 'a']\n"
	got, err := Decode("s.toml", []byte(toml))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"name": "x", "weights": map[string]any{"产出": int64(50), "rate": 0.5, "list": []any{int64(1), "a"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TOML: got %#v", got)
	}
	got, err = Decode("s", []byte(`{"name": "x", "weights": {"产出": 50}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got["weights"].(map[string]any)["产出"] != json.Number("50") {
		t.Errorf("JSON sniffed: got %#v", got)
	}
}

func TestDecodeErrorsNameTheLine(t *testing.T) {
	tests := []struct{ name, file, body, want string }{
		{"JSON syntax", "s.json", "{\n\"a\": 1,\n}", "第 3 行"},
		{"JSON not an object", "s.json", "[1]", "JSON 对象"},
		{"TOML multi-line string", "s.toml", "a = 1\nb = \"\"\"x\"\"\"\n", "第 2 行"},
		{"TOML duplicate key", "s.toml", "a = 1\na = 2\n", "重复"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.file, []byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	for v, want := range map[any]string{"x": `字符串 "x"`, json.Number("3"): "数字 3", int64(2): "数字 2", true: "布尔值 true", nil: "（缺失）"} {
		if got := Describe(v); got != want {
			t.Errorf("Describe(%#v) = %q, want %q", v, got, want)
		}
	}
	if TypeName([]any{}) != "数组" || TypeName(map[string]any{}) != "表（对象）" {
		t.Error("TypeName")
	}
}
