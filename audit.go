package jixiao

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// AuditEntry is one change to record: who did what to which object, with
// the object before and after (JSON, "" when it did not exist).
type AuditEntry struct {
	Actor  string // login, or "cli:<user>" for the command line
	Action string // e.g. "table.import", "project.edit", "table.approve", "user.create"
	Object string // e.g. "table:12", "user:alice"
	Before string
	After  string
}

// AuditRecord is an AuditEntry as stored in the append-only log: numbered,
// timed and chained to the record before it by hash, so that changing or
// deleting any record breaks the chain from there on.
type AuditRecord struct {
	Seq      int64
	At       time.Time
	PrevHash string
	Hash     string
	AuditEntry
}

// ChainHash returns the hash r must carry: SHA-256 over the previous hash
// and every field of r, each length-prefixed so that no two records encode
// alike. At is hashed in UTC to the microsecond, which both databases keep.
func (r *AuditRecord) ChainHash() string {
	e := hashEncoder{h: sha256.New()}
	e.str("audit/v1").str(r.PrevHash).num(r.Seq).
		str(r.At.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)).
		str(r.Actor).str(r.Action).str(r.Object).str(r.Before).str(r.After).end()
	return hex.EncodeToString(e.h.Sum(nil))
}

// AuditBreak says where an audit chain stops being intact.
type AuditBreak struct {
	Seq    int64
	Reason string
}

// ChainVerifier checks records one at a time, in sequence order, so that a
// log of any length is verified in constant memory.
type ChainVerifier struct {
	prev string
	next int64
}

// Check checks r against the records before it: the sequence has no gaps,
// r links to the record before and carries its own hash. It returns the
// first break, or nil.
func (v *ChainVerifier) Check(r *AuditRecord) *AuditBreak {
	if v.next == 0 {
		v.next = 1
	}
	switch {
	case r.Seq != v.next:
		return &AuditBreak{Seq: v.next, Reason: "记录 " + strconv.FormatInt(v.next, 10) + " 缺失（下一条是 " + strconv.FormatInt(r.Seq, 10) + "）"}
	case r.PrevHash != v.prev:
		return &AuditBreak{Seq: r.Seq, Reason: "与上一条记录的链接不符（上一条被改动或删除）"}
	case r.ChainHash() != r.Hash:
		return &AuditBreak{Seq: r.Seq, Reason: "内容与其哈希不符（记录被改动）"}
	}
	v.prev, v.next = r.Hash, v.next+1
	return nil
}

// End checks that the chain ends where the log's head says it does: the
// last record's number and hash. A log cut short or a head rewritten shows
// here.
func (v *ChainVerifier) End(headSeq int64, headHash string) *AuditBreak {
	last := v.next - 1
	if v.next == 0 {
		last = 0
	}
	switch {
	case last < headSeq:
		return &AuditBreak{Seq: last + 1, Reason: "日志在记录 " + strconv.FormatInt(last, 10) + " 之后被截断（应有 " + strconv.FormatInt(headSeq, 10) + " 条）"}
	case last > headSeq:
		return &AuditBreak{Seq: headSeq + 1, Reason: "日志头只记到第 " + strconv.FormatInt(headSeq, 10) + " 条"}
	case v.prev != headHash:
		return &AuditBreak{Seq: last, Reason: "最后一条记录与日志头的哈希不符"}
	}
	return nil
}
