// Command service calls isotp's decisions over HTTP, as a caller written in
// any language would: it posts case files to POST /v1/eligibility and
// prints each outcome, the rules that decided it, and the digest of the
// policy it was decided under; a case the service cannot read is answered
// 400, with the JSON path and what was expected.
//
// Run it from the repository root. By default it starts the service in this
// process, on a free port on loopback, under the embedded national policy:
//
//	go run ./examples/service
//
// or it calls a service already running (isotp serve, see docs/serve.md):
//
//	isotp serve --token-file token.txt &
//	go run ./examples/service -url http://127.0.0.1:8181 -token-file token.txt
//	go run ./examples/service -url http://127.0.0.1:8181 -token-file token.txt CASE.json ...
//
// With no case files it posts the sample cases under
// examples/cases/eligibility and one that is not valid.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"github.com/isotp-dev/isotp/examples/cases"
	"github.com/isotp-dev/isotp/server"
)

func main() {
	log.SetFlags(0)
	url := flag.String("url", "", "the service's `URL` (http://HOST:PORT); empty: start one in this process")
	tokenFile := flag.String("token-file", "", "send the bearer token in `FILE`")
	flag.Parse()
	token := ""
	if *tokenFile != "" {
		data, err := os.ReadFile(*tokenFile)
		if err != nil {
			log.Fatal(err)
		}
		token = strings.TrimSpace(string(data))
	}
	var docs []document
	for _, name := range flag.Args() {
		body, err := os.ReadFile(name)
		if err != nil {
			log.Fatal(err)
		}
		docs = append(docs, document{name, body})
	}
	if len(docs) == 0 {
		var err error
		if docs, err = samples(); err != nil {
			log.Fatal(err)
		}
	}
	if err := run(context.Background(), os.Stdout, *url, token, docs); err != nil {
		log.Fatal(err)
	}
}

// A document is a case file to post.
type document struct {
	name string
	body []byte
}

// samples returns the sample eligibility cases, and a case that is not
// valid to show the service's answer to one.
func samples() ([]document, error) {
	files, err := fs.Glob(cases.FS, "eligibility/*.json")
	if err != nil {
		return nil, err
	}
	var docs []document
	for _, name := range files {
		body, err := fs.ReadFile(cases.FS, name)
		if err != nil {
			return nil, err
		}
		docs = append(docs, document{path.Base(name), body})
	}
	return append(docs, document{"misspelt.json", []byte(`{"stage": "pre_sentence", "offender": {"sex": "mael"}}`)}), nil
}

// run posts each document to the service at url (or, when url is empty, to
// one it starts on a free loopback port and stops when done) and prints
// what it answered to w.
func run(ctx context.Context, w io.Writer, url, token string, docs []document) error {
	if url == "" {
		srv, err := server.New(server.Config{Token: token})
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		ctx, stop := context.WithCancel(ctx)
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ctx, ln) }()
		defer func() {
			stop()
			if err := <-served; err != nil {
				log.Print(err)
			}
		}()
		url = "http://" + ln.Addr().String()
	}
	c := &client{url: strings.TrimSuffix(url, "/"), token: token, http: &http.Client{Timeout: 30 * time.Second}}
	for _, d := range docs {
		if err := c.eligibility(ctx, w, d); err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
	}
	return nil
}

// A client calls one service.
type client struct {
	url, token string
	http       *http.Client
}

// decision is the part of the eligibility answer this caller reads; the
// whole answer is described by GET /v1/openapi.json.
type decision struct {
	Outcome string `json:"outcome"`
	ReferTo string `json:"refer_to"`
	Rules   []struct {
		ID      string `json:"id"`
		Result  string `json:"result"`
		Effect  string `json:"effect"`
		Message string `json:"message"`
	} `json:"rules"`
	Missing []string `json:"missing"`
	Policy  struct {
		Area   string `json:"area"`
		Digest string `json:"digest"`
	} `json:"policy"`
}

// apiError is the body of every error answer.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Path    string `json:"path"`
		Message string `json:"message"`
	} `json:"error"`
}

// eligibility posts d to /v1/eligibility and prints the answer.
func (c *client) eligibility(ctx context.Context, w io.Writer, d document) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/v1/eligibility", bytes.NewReader(d.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		var dec decision
		if err := json.Unmarshal(body, &dec); err != nil {
			return fmt.Errorf("reading the answer: %w", err)
		}
		// The header and the answer name the same policy.
		if h := resp.Header.Get(server.DigestHeader); h != dec.Policy.Digest {
			return fmt.Errorf("the answer was decided under %s, the header says %s", dec.Policy.Digest, h)
		}
		printDecision(w, d.name, &dec)
		return nil
	case resp.StatusCode == http.StatusBadRequest:
		var e apiError
		if err := json.Unmarshal(body, &e); err != nil {
			return fmt.Errorf("reading the error: %w", err)
		}
		// The message names the JSON path, as the command's does; e.Error.Path has it alone.
		fmt.Fprintf(w, "%s: not decided (%d %s): %s\n", d.name, resp.StatusCode, e.Error.Code, e.Error.Message)
		return nil
	default:
		se := &statusError{Status: resp.StatusCode}
		var e apiError
		if json.Unmarshal(body, &e) == nil {
			se.Message = e.Error.Message
		}
		return se
	}
}

// A statusError is an answer other than 200 or 400: the service refused the
// request (401 without the right token, 413 for a case too large, 422 for
// a rule that could not be evaluated on it).
type statusError struct {
	Status  int
	Message string
}

func (e *statusError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("the service answered %d %s", e.Status, http.StatusText(e.Status))
	}
	return fmt.Sprintf("the service answered %d %s: %s", e.Status, http.StatusText(e.Status), e.Message)
}

// printDecision prints the outcome, what decided it, and the policy.
func printDecision(w io.Writer, name string, d *decision) {
	outcome := d.Outcome
	if d.ReferTo != "" {
		outcome += " to " + d.ReferTo
	}
	fmt.Fprintf(w, "%s: %s (the %s policy %s)\n", name, outcome, d.Policy.Area, d.Policy.Digest)
	for _, r := range d.Rules {
		if (r.Result == "fail" || r.Result == "unknown") && r.Effect != "advisory" {
			fmt.Fprintf(w, "  %s %s: %s\n", r.Result, r.ID, r.Message)
		}
	}
	if len(d.Missing) > 0 {
		fmt.Fprintf(w, "  missing: %s\n", strings.Join(d.Missing, ", "))
	}
}
