package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

func TestIdentifiers(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Missing: attendance.offender_manager_contacts.", nil},
		{"Missing: attendance.between_session_work[1].completed.", nil},
		{"no more than om_contact_max_gap_days days", []string{"om_contact_max_gap_days"}},
		{"(max_catch_ups = 4)", []string{"max_catch_ups"}},
		{"Findings [prior_warnings_unknown]", []string{"prior_warnings_unknown"}},
		{"Self-esteem: S_diff 1.79; a catch-up; the Offender Manager", nil},
	} {
		if diff := cmp.Diff(tt.want, Identifiers(tt.text)); diff != "" {
			t.Errorf("Identifiers(%q) mismatch (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestTextContent(t *testing.T) {
	page := `<style>.x_y{}</style><p class="caught_up">Met &amp; done</p><script>var a_b</script><svg><title>Self-esteem</title></svg>`
	if got := strings.Join(strings.Fields(TextContent(page)), " "); got != "Met & done Self-esteem" {
		t.Errorf("TextContent = %q", got)
	}
}
