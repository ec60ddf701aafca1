package isotp_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// TestDecodeAttendanceLists checks that an empty list and an absent or null
// list stay apart: [] is known and empty, absent and null are not known.
func TestDecodeAttendanceLists(t *testing.T) {
	tests := []struct {
		name      string
		json      string
		wantKnown bool
	}{
		{"empty", `[]`, true},
		{"null", `null`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := isotp.DecodeCase(strings.NewReader(`{"attendance": {"sessions": ` + tt.json +
				`, "warnings": ` + tt.json + `, "offender_manager_contacts": ` + tt.json + `, "between_session_work": ` + tt.json + `}}`))
			require.NoError(t, err)
			a := c.Attendance
			for name, known := range map[string]bool{
				"sessions": a.Sessions != nil, "warnings": a.Warnings != nil,
				"offender_manager_contacts": a.OffenderManagerContacts != nil, "between_session_work": a.BetweenSessionWork != nil,
			} {
				if known != tt.wantKnown {
					t.Errorf("%s given as %s: known %v, want %v", name, tt.json, known, tt.wantKnown)
				}
			}
		})
	}
	c, err := isotp.DecodeCase(strings.NewReader(`{"attendance": {}}`))
	require.NoError(t, err)
	if a := c.Attendance; a.Sessions != nil || a.Warnings != nil || a.OffenderManagerContacts != nil || a.BetweenSessionWork != nil {
		t.Errorf("absent lists should stay nil (not known): %+v", a)
	}
}
