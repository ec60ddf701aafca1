package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzRequest sends arbitrary bodies, queries, content types and content
// encodings to every POST path: no answer is a 500 (or worse), and every
// answer that is not a success has the error body the description gives.
func FuzzRequest(f *testing.F) {
	s, err := New(Config{AreaFile: "testdata/fragile.yaml"})
	require.NoError(f, err)
	var paths []string
	for path, rt := range s.routes {
		if rt.method == http.MethodPost {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	files, _ := filepath.Glob("../examples/cases/*/*.json")
	for i, file := range files {
		f.Add(uint8(i), "", "", "", readFile(f, file))
	}
	for _, seed := range []string{``, `{}`, `[]`, `null`, `{"offender": {"id": "A123"}}`, `{"as_of": "2026-02-30"}`,
		`{"offences": [{"date": "9999-12-31"}]}`, `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "attended"}]}}`,
		`{"start": "2026-01-01", "referrals": [{"id": "a"}, {"id": "a"}]}`, "\xff\xfe", `{"a":` + strings.Repeat("[", 10000)} {
		f.Add(uint8(0), "", "", "", []byte(seed))
		f.Add(uint8(1), "explain=true", "application/json", "", []byte(seed))
		f.Add(uint8(4), "format=html&large_print=true", "", "identity", []byte(seed))
	}
	for _, ct := range []string{"application/json; charset=utf-8", "application/x-www-form-urlencoded", "text/plain; charset=latin1",
		"application/problem+json", `application/json; charset="`, "multipart/form-data; boundary=", "/", ";"} {
		f.Add(uint8(2), "", ct, "", []byte(`{}`))
	}
	for _, ce := range []string{"gzip", "identity, gzip", ",", "GZIP;q=0"} {
		f.Add(uint8(3), "", "", ce, []byte(`{}`))
	}
	f.Fuzz(func(t *testing.T, which uint8, query, contentType, encoding string, body []byte) {
		path := paths[int(which)%len(paths)]
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.URL.Path, req.URL.RawQuery = path, query
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if encoding != "" {
			req.Header.Set("Content-Encoding", encoding)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("POST %s?%s (Content-Type %q, Content-Encoding %q) answered %d: %s", path, query, contentType, encoding, w.Code, w.Body)
		}
		if w.Code == http.StatusOK {
			return
		}
		var e struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
			t.Fatalf("POST %s?%s answered %d without an error body: %s", path, query, w.Code, w.Body)
		}
	})
}
