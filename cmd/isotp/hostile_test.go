package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHostileRules runs the commands on rules and cases made to exhaust
// them: each ends with its exit status and a message naming the place, never
// a crash, and no message quotes the case.
func TestHostileRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	area := func(expr string) string {
		return "area: hostile\npolicy: i-SOTP\neligibility:\n  rules:\n    - id: hostile\n      description: Hostile.\n      effect: advisory\n      expression: \"" + expr + "\"\n"
	}
	kase := func(id string) string {
		b, err := json.Marshal(map[string]any{"as_of": "2026-11-27", "stage": "pre_sentence",
			"offender": map[string]any{"id": id, "sex": "male", "date_of_birth": "1990-05-01"}})
		require.NoError(t, err)
		return string(b)
	}
	twice := write("twice.yaml", area("offender.id.replace('', offender.id).replace('', offender.id).size() > 0"))
	once := write("once.yaml", area("offender.id.replace('', offender.id).size() > 0"))
	number := write("number.yaml", area("int(offender.id) > 0"))
	longID := write("long-id.json", kase(strings.Repeat("SECRET", 10000/6)))
	secretID := write("secret.json", kase("SECRET-7f3a"))

	tests := []struct {
		name      string
		args      []string
		code      int
		stderrHas string
	}{
		{"check refuses the growth", []string{"check", "--area", twice}, exitPolicy,
			"twice.yaml:8:20: expression is too costly: for the largest cases the rules accept it could take up to 1,041,644 steps, over the limit of 1,000,000"},
		{"eligibility refuses the growth", []string{"eligibility", "--area", twice, secretID}, exitPolicy, "twice.yaml:8:20: expression is too costly"},
		{"an id longer than ids may be", []string{"eligibility", "--area", once, longID}, exitUsage,
			longID + ": offender.id: longer than 100 bytes"},
		{"a rule failing on the case", []string{"eligibility", "--area", number, secretID}, exitPolicy,
			"eligibility rule hostile (" + number + ":8:20): a value could not be converted, such as text that is not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d\nstderr: %.500s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.stderrHas) {
				t.Errorf("stderr %.500q does not contain %q", errOut, tt.stderrHas)
			}
			if strings.Contains(out+errOut, "SECRET") || strings.Contains(errOut, "goroutine") {
				t.Errorf("the output quotes the case or shows a crash:\n%.500s\n%.500s", out, errOut)
			}
		})
	}

	// diff carries on past the cases the rules fail on, reporting each.
	var load strings.Builder
	for i := 1; i <= 1000; i++ {
		id := "A" + strings.Repeat("0", 3) + string(rune('0'+i%10))
		switch i {
		case 500:
			id = strings.Repeat("SECRET", 10000/6)
		case 700:
			id = "SECRET-7f3a"
		}
		load.WriteString(kase(id) + "\n")
	}
	both := write("both.yaml", "area: hostile\npolicy: i-SOTP\neligibility:\n  rules:\n"+
		"    - id: grow\n      description: Grows.\n      effect: advisory\n      expression: \"offender.id.replace('', offender.id).size() > 0\"\n"+
		"    - id: numeric\n      description: Numeric after A.\n      effect: advisory\n      expression: \"!offender.id.startsWith('S') || int(offender.id) > 0\"\n")
	code, out, errOut := runCLI(t, load.String(), "diff", "--area", both, "-")
	if code != exitPolicy || !strings.Contains(errOut, "the rules failed on 1 case(s)") {
		t.Errorf("diff: exit status %d, want %d, and the failed case counted\nstderr: %.500s", code, exitPolicy, errOut)
	}
	for _, want := range []string{"line 500: input error: offender.id: longer than 100 bytes", "line 700",
		"eligibility rule numeric (" + both + ":12:20): a value could not be converted", "1,000 cases read"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff output does not contain %q:\n%.2000s", want, out)
		}
	}
	// Line 700's id is short enough to be an id, and names the case.
	if strings.Contains(strings.Replace(out, "line 700 (SECRET-7f3a)", "line 700", 1)+errOut, "SECRET") {
		t.Errorf("diff quotes the case:\n%.2000s", out)
	}
}
