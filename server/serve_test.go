package server

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// slowRequest starts a POST whose body arrives only when finish is called;
// the answer comes on the channel.
func slowRequest(t testing.TB, client *http.Client, url string, body []byte) (finish func(), answer <-chan reply) {
	t.Helper()
	pr, pw := io.Pipe()
	done := make(chan reply, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, url, pr)
		resp, err := client.Do(req)
		if err != nil {
			done <- reply{status: -1, body: []byte(err.Error())}
			return
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		done <- reply{status: resp.StatusCode, header: resp.Header, body: data}
	}()
	go pw.Write(body[:1]) // the request reaches the handler
	return func() {
		pw.Write(body[1:])
		pw.Close()
	}, done
}

// TestGracefulShutdown: stopping Serve refuses new connections, lets the
// requests in flight finish, writes their decision log lines and returns
// nil.
func TestGracefulShutdown(t *testing.T) {
	var log syncBuffer
	s, err := New(Config{DecisionLog: &log})
	require.NoError(t, err)
	url, stop := serving(t, s)
	addr := strings.TrimPrefix(url, "http://")
	sample := readFile(t, "../examples/cases/eligibility/eligible-pre-sentence.json")
	const n = 8
	var finishes []func()
	var answers []<-chan reply
	for range n {
		client := &http.Client{Transport: &http.Transport{}} // a connection each
		finish, answer := slowRequest(t, client, url+"/v1/eligibility", sample)
		finishes = append(finishes, finish)
		answers = append(answers, answer)
	}
	require.Eventually(t, func() bool { return s.inflight.Load() == n }, 10*time.Second, time.Millisecond)

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 10*time.Second, 5*time.Millisecond, "new connections are still taken")
	select {
	case err := <-stopped:
		t.Fatalf("Serve returned (%v) with requests in flight", err)
	default:
	}
	for _, finish := range finishes {
		finish()
	}
	for _, answer := range answers {
		r := <-answer
		require.Equal(t, 200, r.status, "%s", r.body)
	}
	require.NoError(t, <-stopped)
	require.Len(t, readLog(t, log.String()), n)
}

// TestShutdownTimeout: a request that never finishes holds Serve only for
// the shutdown timeout.
func TestShutdownTimeout(t *testing.T) {
	s, err := New(Config{ShutdownTimeout: 200 * time.Millisecond})
	require.NoError(t, err)
	url, stop := serving(t, s)
	finish, answer := slowRequest(t, &http.Client{}, url+"/v1/eligibility", []byte(`{"as_of": "2026-01-01"}`))
	require.Eventually(t, func() bool { return s.inflight.Load() == 1 }, 10*time.Second, time.Millisecond)
	start := time.Now()
	require.NoError(t, stop())
	require.Less(t, time.Since(start), 200*time.Millisecond+drainGrace+5*time.Second)
	go finish() // the client's transport waits for its body before giving up
	r := <-answer
	require.NotEqual(t, 200, r.status, "the cut request was answered: %s", r.body)
}

// TestHeaderLimits: a client that never finishes its headers is cut off
// after ReadHeaderTimeout, and headers over MaxHeaderBytes are refused with
// 431 by the HTTP server, as the description's x-isotp-http-server says.
func TestHeaderLimits(t *testing.T) {
	s, err := New(Config{ReadHeaderTimeout: 100 * time.Millisecond, MaxHeaderBytes: 4096})
	require.NoError(t, err)
	url, _ := serving(t, s)
	addr := strings.TrimPrefix(url, "http://")

	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer c.Close()
	_, err = io.WriteString(c, "POST /v1/eligibility HTTP/1.1\r\nHost: x\r\n")
	require.NoError(t, err)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err = io.ReadAll(c) // the server closes the connection
	require.NoError(t, err, "the connection was not closed by the server")

	req, err := http.NewRequest(http.MethodGet, url+"/healthz", nil)
	require.NoError(t, err)
	req.Header.Set("X-Padding", strings.Repeat("x", 8192))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
	_, _, ok := describedHTTPServer(resp.StatusCode)
	require.True(t, ok, "the description does not give 431")
}

// describedHTTPServer finds an answer of the HTTP server itself in the
// description.
func describedHTTPServer(status int) (string, any, bool) {
	v, ok := lookup(openapi.doc, "x-isotp-http-server", "responses", strconv.Itoa(status))
	return "", v, ok
}

// TestTLS: with a certificate and key, Serve speaks TLS (and HTTP/2).
func TestTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	s, err := New(Config{TLSCertFile: certFile, TLSKeyFile: keyFile, Token: "tok"})
	require.NoError(t, err)
	url, stop := serving(t, s)
	url = strings.Replace(url, "http://", "https://", 1)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}}
	ts := &testServer{Server: s, url: url, client: client, token: "tok"}
	r := ts.post(t, "/v1/eligibility", readFile(t, "../examples/cases/eligibility/eligible-pre-sentence.json"))
	require.Equal(t, 200, r.status)

	resp, err := client.Get(url + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 2, resp.ProtoMajor, "not HTTP/2")
	require.NoError(t, stop())
}

// selfSigned writes a certificate for 127.0.0.1 and its key to dir, and
// returns their paths and a pool that trusts the certificate.
func selfSigned(t testing.TB, dir string) (string, string, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "isotp test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	keyDER, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600))
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}
