package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAssessmentCommand(t *testing.T) {
	area := filepath.Join("..", "..", "examples", "areas", "illustrative-norms.yaml")
	sample := filepath.Join("..", "..", "examples", "cases", "assessment", "sample.json")
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		categories map[string]string // scale id -> category in the JSON output
		stderrHas  string            // a fact the error must name, such as a JSON path
		reason     string
	}{
		{
			name:       "sample with the illustrative norms",
			args:       []string{"--area", area, sample},
			wantCode:   exitOK,
			categories: map[string]string{"cognitive_distortions": "recovered", "self_esteem": "deteriorated", "fantasy": "norms_missing"},
		},
		{
			name:       "national policy only",
			args:       []string{sample},
			wantCode:   exitOK,
			categories: map[string]string{"cognitive_distortions": "norms_missing", "self_esteem": "norms_missing"},
			reason:     "the national file gives no norms",
		},
		{
			name:     "text",
			args:     []string{"--format", "text", "--area", area, sample},
			wantCode: exitOK,
		},
		{
			name:      "unknown scale",
			args:      []string{"-"},
			stdin:     `{"assessment": {"pre": {"scores": {"fantasy_x": 3}}}}`,
			wantCode:  exitUsage,
			stderrHas: "assessment.pre.scores.fantasy_x",
		},
		{
			name:      "malformed case",
			args:      []string{"-"},
			stdin:     `{"assessment": {"pre": {"scores": {"fantasy": "high"}}}}`,
			wantCode:  exitUsage,
			stderrHas: "assessment.pre.scores.fantasy",
		},
		{
			name:      "bad area file",
			args:      []string{"--area", filepath.Join("testdata", "bad-battery.yaml"), sample},
			wantCode:  exitPolicy,
			stderrHas: "bad-battery.yaml:6:20",
		},
		{name: "no case", args: nil, wantCode: exitUsage},
		{name: "bad format", args: []string{"--format", "html", sample}, wantCode: exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(tt.stdin), stdout: &stdout, stderr: &stderr}
			code := run(context.Background(), e, append([]string{"assessment"}, tt.args...))
			if code != tt.wantCode {
				t.Fatalf("exit status %d, want %d\nstderr: %s", code, tt.wantCode, stderr.String())
			}
			if tt.stderrHas != "" && !strings.Contains(stderr.String(), tt.stderrHas) {
				t.Errorf("stderr does not name %s:\n%s", tt.stderrHas, stderr.String())
			}
			if tt.categories == nil {
				return
			}
			var out struct {
				Scales []struct{ ID, Category string }
			}
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			got := map[string]string{}
			for _, s := range out.Scales {
				if _, ok := tt.categories[s.ID]; ok {
					got[s.ID] = s.Category
				}
			}
			if diff := cmp.Diff(tt.categories, got); diff != "" {
				t.Errorf("%s\ncategories mismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}
