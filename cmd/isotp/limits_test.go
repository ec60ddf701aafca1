package main

import (
	"bytes"
	"context"
	"testing"
)

// endless gives head, then body over and over without end, counting the
// bytes read.
type endless struct {
	head, body string
	off        int
	read       int
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		s := e.body
		if e.off < len(e.head) {
			s = e.head[e.off:]
		} else {
			s = s[(e.off-len(e.head))%len(s):]
		}
		k := copy(p[n:], s)
		n += k
		e.off += k
	}
	e.read += n
	return n, nil
}

// TestInputOverALimit gives each command that reads a document an endless
// one on standard input: it must exit 2 with the path of the first item past
// the limit, having read no more than the limit allows.
func TestInputOverALimit(t *testing.T) {
	const session = `{"session": 1, "date": "2026-01-05", "outcome": "attended"}, `
	tests := []struct {
		args    []string
		in      *endless
		stderr  string
		maxRead int
	}{
		{[]string{"eligibility", "-"}, &endless{head: `{"offences": [`, body: `{"internet": true}, `},
			"isotp eligibility: standard input: offences[100]: more than 100 offences\n", 64 << 10},
		{[]string{"attendance", "-"}, &endless{head: `{"attendance": {"sessions": [`, body: session},
			"isotp attendance: standard input: attendance.sessions[500]: more than 500 session events\n", 64 << 10},
		{[]string{"report", "-"}, &endless{head: `{"offender": {"id": "`, body: "S"},
			"isotp report: standard input: offender.id: longer than 100 bytes\n", 16 << 10},
		{[]string{"assessment", "-"}, &endless{head: `{"assessment": {"pre": {"scores": {"s": 1`, body: " "},
			"isotp assessment: standard input: assessment.pre.scores: the case is longer than 1048576 bytes\n", 1<<20 + 16<<10},
		{[]string{"groups", "-"}, &endless{head: `{"start": "2026-03-02", "referrals": [`, body: `{"id": "R"}, `},
			"isotp groups: standard input: referrals[10000]: more than 10000 referrals\n", 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.args[0], func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), &env{stdin: tt.in, stdout: &out, stderr: &errOut}, tt.args)
			if code != exitUsage {
				t.Errorf("exit status %d, want %d", code, exitUsage)
			}
			if errOut.String() != tt.stderr {
				t.Errorf("stderr %q, want %q", errOut.String(), tt.stderr)
			}
			if tt.in.read > tt.maxRead {
				t.Errorf("read %d bytes of standard input, want at most %d", tt.in.read, tt.maxRead)
			}
			if out.Len() > 0 {
				t.Errorf("stdout %q, want nothing", out.String())
			}
		})
	}
}
