package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheckMatches(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.txt")
	require.NoError(t, os.WriteFile(path, []byte("same\n"), 0o644))
	rec := &recorder{TB: t}
	Check(rec, path, []byte("same\n"))
	if rec.failed {
		t.Errorf("equal output reported as a mismatch: %s", rec.msg)
	}
	Check(rec, path, []byte("other\n"))
	if !rec.failed {
		t.Error("different output not reported")
	}
}

func TestScrubDigests(t *testing.T) {
	in := "Policy: i-SOTP 2026.1, national, sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" + "\n"
	if got, want := ScrubDigests(in), "Policy: i-SOTP 2026.1, national, sha256:<digest>\n"; got != want {
		t.Errorf("ScrubDigests = %q, want %q", got, want)
	}
}

// recorder records failures instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Errorf(format string, args ...any) { r.failed, r.msg = true, format }
func (r *recorder) Helper()                           {}
