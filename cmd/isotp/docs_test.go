package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp/rules"
)

// TestReadmeCommandList: the README's list of commands is the one isotp
// --help prints, line for line.
func TestReadmeCommandList(t *testing.T) {
	_, help, _ := runCLI(t, "", "--help")
	var want []string
	for _, l := range strings.Split(help, "\n") {
		if strings.HasPrefix(l, "  isotp ") {
			want = append(want, strings.TrimPrefix(l, "  "))
		}
	}
	require.Len(t, want, len(commands))
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	readme := string(data)
	at := strings.Index(readme, "## The `isotp` command")
	require.GreaterOrEqual(t, at, 0)
	block := readme[at:]
	start := strings.Index(block, "```\n") + 4
	end := strings.Index(block[start:], "```\n")
	got := strings.Split(strings.TrimSuffix(block[start:start+end], "\n"), "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README's command list mismatch (-isotp --help +README):\n%s", diff)
	}
}

// TestCLIDoc: docs/cli.md has a section for every command (the decisions
// share one), shows its synopsis as help does, and every command's -h has
// an example.
func TestCLIDoc(t *testing.T) {
	data, err := os.ReadFile("../../docs/cli.md")
	require.NoError(t, err)
	doc := string(data)
	shared := map[string]bool{"report": true}
	for _, c := range decisionCommands {
		shared[c.name] = true
	}
	for _, c := range commands {
		if !shared[c.name] && !strings.Contains(doc, "\n## isotp "+c.name+"\n") {
			t.Errorf("docs/cli.md has no section ## isotp %s", c.name)
		}
		if !strings.Contains(collapse(doc), collapse(c.synopsis())) {
			t.Errorf("docs/cli.md does not show %q", c.synopsis())
		}
		code, _, errOut := runCLI(t, "", c.name, "-h")
		if code != exitOK || !strings.Contains(errOut, "\nExample:\n  isotp ") && !strings.Contains(errOut, "\nExample:\n  source ") {
			t.Errorf("isotp %s -h: exit %d, no example:\n%s", c.name, code, errOut)
		}
	}
}

// collapse writes runs of spaces as one.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// TestCLIDocCodes: the table of error codes in docs/cli.md is rules.Codes,
// in order, with what each means.
func TestCLIDocCodes(t *testing.T) {
	data, err := os.ReadFile("../../docs/cli.md")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?s)<!-- codes -->\n(.*?)<!-- end codes -->`).FindStringSubmatch(string(data))
	require.NotNil(t, m, "docs/cli.md has no <!-- codes --> table")
	var want strings.Builder
	want.WriteString("| code | the problem |\n|---|---|\n")
	for _, c := range rules.Codes() {
		means := rules.CodeMeaning(c)
		fmt.Fprintf(&want, "| `%s` | %s. |\n", c, strings.ToUpper(means[:1])+means[1:])
	}
	if diff := cmp.Diff(want.String(), m[1]); diff != "" {
		t.Errorf("docs/cli.md codes table mismatch (-rules.Codes +docs):\n%s", diff)
	}
}
