package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGroupsCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sample := filepath.Join("..", "..", "examples", "cases", "groups", "mixed.json")
	badArea := write("bad.yaml", "area: testshire\npolicy: i-SOTP\nparams:\n  max_group_size: 12\n")
	waitArea := write("wait.yaml", "area: testshire\npolicy: i-SOTP\nparams:\n  young_fallback: wait\n")
	dup := write("dup.json", `{"start": "2026-03-02", "referrals": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}`)

	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string // a substring of standard output
		wantStderr string // a substring of standard error: the JSON path or file:line
	}{
		{name: "json", args: []string{"groups", sample}, wantCode: exitOK, wantStdout: `"groups": [`},
		{name: "text", args: []string{"groups", "--format", "text", sample}, wantCode: exitOK, wantStdout: "Group 1: adult, 10 men"},
		{name: "flags after the file", args: []string{"groups", sample, "--area", waitArea}, wantCode: exitOK, wantStdout: `"young_fallback": "wait"`},
		{name: "standard input", args: []string{"groups", "-"}, stdin: `{"start": "2026-03-02", "referrals": []}`, wantCode: exitOK, wantStdout: `"individual": []`},
		{name: "duplicate id", args: []string{"groups", dup}, wantCode: exitUsage, wantStderr: "referrals[2].id"},
		{name: "bad input on standard input", args: []string{"groups", "-"}, stdin: `{"start": 1}`, wantCode: exitUsage, wantStderr: "standard input: start"},
		{name: "area out of bounds", args: []string{"groups", "--area", badArea, sample}, wantCode: exitPolicy, wantStderr: "bad.yaml:4"},
		{name: "no file", args: []string{"groups"}, wantCode: exitUsage},
		{name: "missing file", args: []string{"groups", filepath.Join(dir, "nope.json")}, wantCode: exitUsage},
		{name: "unknown format", args: []string{"groups", "--format", "html", sample}, wantCode: exitUsage},
		{name: "check compiles groups", args: []string{"check", "--area", waitArea}, wantCode: exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(tt.stdin), stdout: &stdout, stderr: &stderr}
			if code := run(context.Background(), e, tt.args); code != tt.wantCode {
				t.Fatalf("exit status %d, want %d\nstderr: %s", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("standard output lacks %q:\n%s", tt.wantStdout, stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("standard error lacks %q:\n%s", tt.wantStderr, stderr.String())
			}
		})
	}
}

func TestGroupsCommandJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	sample := filepath.Join("..", "..", "examples", "cases", "groups", "young-group.json")
	if code := run(context.Background(), e, []string{"groups", sample}); code != exitOK {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	var got struct {
		Groups []struct {
			Band    string   `json:"band"`
			Members []string `json:"members"`
		} `json:"groups"`
		Individual []string `json:"individual"`
		Waiting    []string `json:"waiting"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Groups) != 2 || got.Groups[0].Band != "young" || len(got.Groups[0].Members) != 10 ||
		got.Groups[1].Band != "adult" || len(got.Groups[1].Members) != 9 ||
		strings.Join(got.Individual, ",") != "Y11,Y12,Y13" || got.Waiting == nil || len(got.Waiting) != 0 {
		t.Errorf("unexpected plan: %+v", got)
	}
}
