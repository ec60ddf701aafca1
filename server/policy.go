package server

import (
	"errors"
	"fmt"
	"time"

	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/report"
	"github.com/isotp-dev/isotp/rules"
)

// A state is one loaded policy with every decision compiled for it. It is
// immutable once made: a request reads the state in force when it starts and
// decides under it to the end.
type state struct {
	pol      *rules.Policy
	info     rules.Info
	deciders map[string]*decisions.Decider // by decision name
	reporter *report.Reporter
	loadedAt time.Time
}

// load loads the policy cfg names, checks it for every decision at once (as
// isotp check does) and compiles each decision and the report.
func load(cfg Config) (*state, error) {
	src := rules.National
	if cfg.PolicyDir != "" {
		src = rules.OSDir(cfg.PolicyDir)
	}
	var opts []rules.Option
	if cfg.AreaFile != "" {
		opts = append(opts, rules.AreaPath(cfg.AreaFile))
	}
	pol, err := decisions.Check(src, opts...)
	if err != nil {
		return nil, err
	}
	st := &state{pol: pol, info: pol.Info(), deciders: map[string]*decisions.Decider{}, loadedAt: time.Now()}
	for _, d := range decisions.All() {
		m, err := d.New(pol)
		if err != nil {
			return nil, err
		}
		st.deciders[d.Name()] = m
	}
	if st.reporter, err = report.New(pol); err != nil {
		return nil, err
	}
	return st, nil
}

// A reloadError is a reload that failed, as GET /v1/policy reports it.
type reloadError struct {
	At      time.Time     `json:"at"`
	Message string        `json:"message"`
	Errors  []policyError `json:"errors,omitempty"` // each problem in the rule files, in order
}

// A policyError is one problem in a rule file.
type policyError struct {
	Position string `json:"position"` // file:line:col
	Message  string `json:"message"`
}

func newReloadError(at time.Time, err error) *reloadError {
	re := &reloadError{At: at, Message: err.Error()}
	var list rules.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			re.Errors = append(re.Errors, policyError{Position: e.Pos.String(), Message: e.Msg})
		}
	}
	return re
}

// Reload loads and compiles the policy again, from the files the Config
// names, beside the one in force, and swaps it in: requests that started
// before go on under the old policy, later ones decide under the new. A
// policy with the same digest as the one in force is not swapped. When the
// new policy has errors, or a file cannot be read, the policy in force goes
// on serving and Reload returns the error, which GET /v1/policy and the log
// report until a reload succeeds. Reloads run one at a time.
func (s *Server) Reload() error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	old := s.cur.Load()
	st, err := load(s.cfg)
	if err != nil {
		s.failure.Store(newReloadError(time.Now(), err))
		s.metrics.reloads.WithLabelValues("failed").Inc()
		s.logPolicyError("policy reload failed; the last good policy goes on serving", err, "digest", old.info.Digest)
		return err
	}
	s.failure.Store(nil)
	s.metrics.reloads.WithLabelValues("ok").Inc()
	if st.info.Digest == old.info.Digest {
		s.log.Info("policy reloaded: unchanged", "digest", old.info.Digest)
		return nil
	}
	s.cur.Store(st)
	s.metrics.policyInForce(st)
	s.log.Info("policy reloaded", "name", st.info.Name, "version", st.info.Version, "area", st.info.Area,
		"digest", st.info.Digest, "previous", old.info.Digest)
	return nil
}

// logPolicyError logs msg with err, and each problem of a rules.ErrorList
// on a line of its own. Policy errors quote rule files, never a case.
func (s *Server) logPolicyError(msg string, err error, args ...any) {
	s.log.Error(msg, append(args, "error", err.Error())...)
	var list rules.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			s.log.Error("policy error", "at", e.Pos.String(), "problem", e.Msg)
		}
	}
}

// policyStatus is the body of GET /v1/policy.
type policyStatus struct {
	rules.Info
	AreaFile        string        `json:"area_file,omitempty"`
	PolicyDir       string        `json:"policy_dir,omitempty"`
	LoadedAt        time.Time     `json:"loaded_at"`
	Parameters      []rules.Param `json:"parameters"`
	LastReloadError *reloadError  `json:"last_reload_error"`
}

func (s *Server) policyStatus(st *state) *policyStatus {
	return &policyStatus{
		Info:            st.info,
		AreaFile:        s.cfg.AreaFile,
		PolicyDir:       s.cfg.PolicyDir,
		LoadedAt:        st.loadedAt.UTC(),
		Parameters:      st.pol.Params(),
		LastReloadError: s.failure.Load(),
	}
}

// describe words where the policy comes from, for the log.
func (cfg Config) describe() string {
	from := "the embedded national policy"
	if cfg.PolicyDir != "" {
		from = "the national rule files in " + cfg.PolicyDir
	}
	if cfg.AreaFile != "" {
		from += fmt.Sprintf(" with the area file %s", cfg.AreaFile)
	}
	return from
}
