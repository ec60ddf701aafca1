package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/isotp-dev/isotp/rules"
	"github.com/isotp-dev/isotp/server"
)

// A Server is an http.Handler: here it answers one request without a
// network. The answer is what isotp eligibility --format json prints.
func ExampleNew() {
	srv, err := server.New(server.Config{}) // the embedded national policy
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	body, err := os.ReadFile("../examples/cases/eligibility/eligible-pre-sentence.json")
	if err != nil {
		log.Fatal(err)
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/v1/eligibility", bytes.NewReader(body)))
	var d struct {
		Outcome string `json:"outcome"`
		Policy  struct {
			Digest string `json:"digest"`
		} `json:"policy"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &d); err != nil {
		log.Fatal(err)
	}
	fmt.Println(w.Code, d.Outcome)
	fmt.Println("decided under the policy in force:", d.Policy.Digest == srv.Digest() && w.Header().Get(server.DigestHeader) == srv.Digest())
	// Output:
	// 200 eligible
	// decided under the policy in force: true
}

// Serve answers on a listener until its context is done, then shuts down
// gracefully and returns nil.
func ExampleServer_Serve() {
	srv, err := server.New(server.Config{})
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a free port on loopback
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/readyz")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println("ready:", resp.StatusCode)

	stop() // as isotp serve does on SIGTERM
	fmt.Println("stopped:", <-served)
	// Output:
	// ready: 200
	// stopped: <nil>
}

// Reload swaps in the policy the files now give; one with errors leaves the
// last good policy serving.
func ExampleServer_Reload() {
	dir, err := os.MkdirTemp("", "isotp")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	area := filepath.Join(dir, "area.yaml")
	write := func(text string) {
		if err := os.WriteFile(area, []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("area: testshire\npolicy: i-SOTP\nparams:\n  max_catch_ups: 3\n")
	srv, err := server.New(server.Config{AreaFile: area})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	first := srv.Digest()

	write("area: testshire\npolicy: i-SOTP\nparams:\n  max_catch_ups: 2\n")
	fmt.Println("reloaded:", srv.Reload() == nil, "new digest:", srv.Digest() != first)

	second := srv.Digest()
	write("area: testshire\npolicy: i-SOTP\nparams:\n  max_catch_ups: 9\n") // out of bounds
	err = srv.Reload()
	fmt.Println("policy error:", errors.Is(err, rules.ErrInvalidPolicy), "still serving:", srv.Digest() == second)
	// Output:
	// reloaded: true new digest: true
	// policy error: true still serving: true
}
