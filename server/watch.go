package server

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the watched files must be quiet before a reload: an
// editor saving a file writes, renames and changes modes in a burst.
const settle = 100 * time.Millisecond

// watch reloads the policy when the area file or a rule file of the policy
// directory changes, until ctx is done. It watches their directories rather
// than the files, since editors and deployment tools replace a file by
// renaming another over it (Kubernetes swaps a ..data link), which a watch on
// the file itself would lose. Without files to watch it does nothing; when
// the system cannot watch them it logs why, and SIGHUP still reloads.
func (s *Server) watch(ctx context.Context) {
	var dirs []string
	areaDir, areaName := "", ""
	if s.cfg.AreaFile != "" {
		abs, err := filepath.Abs(s.cfg.AreaFile)
		if err == nil {
			areaDir, areaName = filepath.Split(abs)
			areaDir = filepath.Clean(areaDir)
			dirs = append(dirs, areaDir)
		}
	}
	policyDir := ""
	if s.cfg.PolicyDir != "" {
		if abs, err := filepath.Abs(s.cfg.PolicyDir); err == nil {
			policyDir = abs
			if policyDir != areaDir {
				dirs = append(dirs, policyDir)
			}
		}
	}
	if len(dirs) == 0 {
		return
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		s.log.Warn("cannot watch the policy files; reload with SIGHUP", "error", err.Error())
		return
	}
	defer w.Close()
	for _, d := range dirs {
		if err := w.Add(d); err != nil {
			s.log.Warn("cannot watch a policy directory; reload with SIGHUP", "dir", d, "error", err.Error())
			continue
		}
		s.log.Info("watching for changes to the policy files", "dir", d)
	}
	relevant := func(name string) bool {
		dir, base := filepath.Split(name)
		dir = filepath.Clean(dir)
		if strings.HasPrefix(base, "..") { // a Kubernetes volume swapping its files
			return true
		}
		return (dir == areaDir && base == areaName) || (dir == policyDir && strings.HasSuffix(base, ".yaml"))
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if relevant(ev.Name) {
				timer.Reset(settle)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			s.log.Warn("watching the policy files", "error", err.Error())
		case <-timer.C:
			s.log.Info("policy files changed: reloading")
			s.Reload() // a failure is logged and reported at /v1/policy
		}
	}
}
