package jixiao_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"jixiao"
)

func pinRecord() jixiao.AuditRecord {
	return jixiao.AuditRecord{
		Seq:      7,
		At:       time.Date(2024, 3, 1, 9, 30, 15, 123456789, time.FixedZone("CST", 8*3600)),
		PrevHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		AuditEntry: jixiao.AuditEntry{
			Actor: "alice", Action: "table.approve", Object: "table:12",
			Before: `{"status":"submitted"}`, After: `{"grade":"优","status":"approved"}`,
		},
	}
}

// Every stored record carries its ChainHash: a change of the encoding
// would make every existing log fail verification. The value was computed
// independently of the Go code, from the encoding documented on ChainHash
// ("audit/v1", the previous hash, seq, At in UTC to the microsecond,
// actor, action, object, before, after; each "<byte length>:<bytes>", then
// a newline).
func TestChainHashIsStable(t *testing.T) {
	const want = "74b4c064ea983de403647417e7338a0e88c30b4269fbf42e9ada60ac1afa0539"
	r := pinRecord()
	if got := r.ChainHash(); got != want {
		t.Errorf("ChainHash = %s, want %s", got, want)
	}
}

func TestChainHashCoversEveryField(t *testing.T) {
	base := pinRecord()
	h := base.ChainHash()
	same := []struct {
		name   string
		change func(r *jixiao.AuditRecord)
	}{
		{"At in another zone, same instant", func(r *jixiao.AuditRecord) { r.At = r.At.UTC() }},
		{"At below the microsecond, which the databases drop", func(r *jixiao.AuditRecord) { r.At = r.At.Truncate(time.Microsecond) }},
		{"Hash itself is not hashed", func(r *jixiao.AuditRecord) { r.Hash = "anything" }},
	}
	for _, tt := range same {
		r := pinRecord()
		tt.change(&r)
		if r.ChainHash() != h {
			t.Errorf("%s: hash changed", tt.name)
		}
	}
	differ := []struct {
		name   string
		change func(r *jixiao.AuditRecord)
	}{
		{"Seq", func(r *jixiao.AuditRecord) { r.Seq++ }},
		{"At by a microsecond", func(r *jixiao.AuditRecord) { r.At = r.At.Add(time.Microsecond) }},
		{"PrevHash", func(r *jixiao.AuditRecord) { r.PrevHash = "" }},
		{"Actor", func(r *jixiao.AuditRecord) { r.Actor = "mallory" }},
		{"Action", func(r *jixiao.AuditRecord) { r.Action = "table.return" }},
		{"Object", func(r *jixiao.AuditRecord) { r.Object = "table:13" }},
		{"Before", func(r *jixiao.AuditRecord) { r.Before = "" }},
		{"After", func(r *jixiao.AuditRecord) { r.After = `{"grade":"差","status":"approved"}` }},
		// Length prefixes: moving a byte from one field to the next is a change.
		{"a byte moved from Actor to Action", func(r *jixiao.AuditRecord) { r.Actor, r.Action = "alic", "etable.approve" }},
		{"Before and After swapped", func(r *jixiao.AuditRecord) { r.Before, r.After = r.After, r.Before }},
	}
	for _, tt := range differ {
		r := pinRecord()
		tt.change(&r)
		if r.ChainHash() == h {
			t.Errorf("%s changed, hash did not", tt.name)
		}
	}
}

// testChain returns n records chained as appendAudit writes them, and the
// log head that goes with them.
func testChain(n int) (records []jixiao.AuditRecord, headSeq int64, headHash string) {
	at := time.Date(2024, 3, 1, 1, 0, 0, 0, time.UTC)
	prev := ""
	for i := 1; i <= n; i++ {
		r := jixiao.AuditRecord{Seq: int64(i), At: at.Add(time.Duration(i) * time.Minute), PrevHash: prev,
			AuditEntry: jixiao.AuditEntry{Actor: "alice", Action: "table.import", Object: fmt.Sprintf("table:%d", i),
				After: fmt.Sprintf(`{"version":%d}`, i)}}
		r.Hash = r.ChainHash()
		prev = r.Hash
		records = append(records, r)
	}
	return records, int64(n), prev
}

// verify runs a ChainVerifier over records and then checks the head, as
// VerifyAudit does.
func verify(records []jixiao.AuditRecord, headSeq int64, headHash string) *jixiao.AuditBreak {
	var v jixiao.ChainVerifier
	for i := range records {
		if b := v.Check(&records[i]); b != nil {
			return b
		}
	}
	return v.End(headSeq, headHash)
}

func TestChainVerifier(t *testing.T) {
	rehash := func(r *jixiao.AuditRecord) { r.Hash = r.ChainHash() }
	tests := []struct {
		name   string
		tamper func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string)
		want   *jixiao.AuditBreak // nil: intact
	}{
		{"intact", nil, nil},
		{"empty log, empty head", func([]jixiao.AuditRecord, int64, string) ([]jixiao.AuditRecord, int64, string) {
			return nil, 0, ""
		}, nil},
		{"a field changed", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			rs[2].After = `{"version":30}`
			return rs, seq, hash
		}, &jixiao.AuditBreak{Seq: 3, Reason: "内容与其哈希不符（记录被改动）"}},
		{"a field changed and the record rehashed: the next one no longer links", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			rs[2].Actor = "mallory"
			rehash(&rs[2])
			return rs, seq, hash
		}, &jixiao.AuditBreak{Seq: 4, Reason: "与上一条记录的链接不符（上一条被改动或删除）"}},
		{"the last record changed and rehashed: the head no longer matches", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			rs[4].Action = "table.approve"
			rehash(&rs[4])
			return rs, seq, hash
		}, &jixiao.AuditBreak{Seq: 5, Reason: "最后一条记录与日志头的哈希不符"}},
		{"a middle record deleted", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			return slices.Delete(rs, 2, 3), seq, hash
		}, &jixiao.AuditBreak{Seq: 3, Reason: "记录 3 缺失（下一条是 4）"}},
		{"a middle record deleted and the rest renumbered", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			rs = slices.Delete(rs, 2, 3)
			for i := range rs {
				rs[i].Seq = int64(i + 1)
			}
			return rs, seq - 1, hash
		}, &jixiao.AuditBreak{Seq: 3, Reason: "与上一条记录的链接不符（上一条被改动或删除）"}},
		{"the first record deleted", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			return rs[1:], seq, hash
		}, &jixiao.AuditBreak{Seq: 1, Reason: "记录 1 缺失（下一条是 2）"}},
		{"two records reordered", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			rs[2], rs[3] = rs[3], rs[2]
			return rs, seq, hash
		}, &jixiao.AuditBreak{Seq: 3, Reason: "记录 3 缺失（下一条是 4）"}},
		{"two records swapped with their numbers", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			rs[2], rs[3] = rs[3], rs[2]
			rs[2].Seq, rs[3].Seq = 3, 4
			return rs, seq, hash
		}, &jixiao.AuditBreak{Seq: 3, Reason: "与上一条记录的链接不符（上一条被改动或删除）"}},
		{"the end cut off: the head still counts it", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			return rs[:3], seq, hash
		}, &jixiao.AuditBreak{Seq: 4, Reason: "日志在记录 3 之后被截断（应有 5 条）"}},
		{"every record deleted", func(rs []jixiao.AuditRecord, seq int64, hash string) ([]jixiao.AuditRecord, int64, string) {
			return nil, seq, hash
		}, &jixiao.AuditBreak{Seq: 1, Reason: "日志在记录 0 之后被截断（应有 5 条）"}},
		{"the head set back by one", func(rs []jixiao.AuditRecord, _ int64, _ string) ([]jixiao.AuditRecord, int64, string) {
			return rs, 4, rs[3].Hash
		}, &jixiao.AuditBreak{Seq: 5, Reason: "日志头只记到第 4 条"}},
		{"the head's hash rewritten", func(rs []jixiao.AuditRecord, seq int64, _ string) ([]jixiao.AuditRecord, int64, string) {
			return rs, seq, "0000"
		}, &jixiao.AuditBreak{Seq: 5, Reason: "最后一条记录与日志头的哈希不符"}},
		{"an empty log with a head that counts records", func([]jixiao.AuditRecord, int64, string) ([]jixiao.AuditRecord, int64, string) {
			return nil, 0, "0000"
		}, &jixiao.AuditBreak{Seq: 0, Reason: "最后一条记录与日志头的哈希不符"}},
		// The limit of a hash chain with its head in the same database: an
		// attacker who cuts the end off and sets the head back to match
		// leaves an intact chain. Only a copy of the head kept elsewhere
		// (a printed or published seq and hash) shows that.
		{"the end cut off and the head set back to match: not detectable", func(rs []jixiao.AuditRecord, _ int64, _ string) ([]jixiao.AuditRecord, int64, string) {
			return rs[:3], 3, rs[2].Hash
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, seq, hash := testChain(5)
			if tt.tamper != nil {
				rs, seq, hash = tt.tamper(rs, seq, hash)
			}
			got := verify(rs, seq, hash)
			switch {
			case got == nil && tt.want == nil:
			case got == nil || tt.want == nil || *got != *tt.want:
				t.Errorf("break = %+v, want %+v", got, tt.want)
			}
		})
	}
}
