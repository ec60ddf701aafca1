package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/isotp-dev/isotp/rules"
)

var versionCommand = &command{
	name:    "version",
	args:    "[--area FILE] [--format text|json]",
	summary: "the build (module version, revision, Go version) and the national policy's name, version and digest",
	example: "isotp version --area examples/areas/cheshire.yaml",
}

func init() { versionCommand.run = runVersion }

// buildInfo is what isotp version reports: the build, and the policy it
// decides under.
type buildInfo struct {
	Module   string      `json:"module"`
	Version  string      `json:"version"`            // the module version, or "(devel)" for a development build
	Revision string      `json:"revision,omitempty"` // the VCS revision built, when the build recorded it
	Time     string      `json:"time,omitempty"`     // the revision's commit time
	Modified bool        `json:"modified,omitempty"` // the working tree had changes
	Go       string      `json:"go"`
	Platform string      `json:"platform"`
	National rules.Info  `json:"national"`
	Area     *rules.Info `json:"area,omitempty"` // the policy in force with --area
}

// readBuildInfo reads the module version and VCS settings the Go tool
// recorded in the binary. A binary built without module support records
// none, and says "unknown".
func readBuildInfo() buildInfo {
	b := buildInfo{Module: "github.com/isotp-dev/isotp", Version: "unknown", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if info.Main.Path != "" {
		b.Module = info.Main.Path
	}
	if info.Main.Version != "" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// versionLine is the first line of isotp version, and all of --version.
func (b buildInfo) versionLine() string {
	v := b.Version
	if v == "(devel)" {
		v = "development build"
	}
	s := "isotp " + v
	if b.Revision != "" {
		rev := b.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += ", revision " + rev
		if b.Time != "" {
			s += " of " + b.Time
		}
		if b.Modified {
			s += " with local changes"
		}
	}
	return s
}

func runVersion(ctx context.Context, e *env, args []string) int {
	f := newFlags(versionCommand, e, "text", "json")
	if _, code, ok := f.parse(args, 0, 0); !ok {
		return code
	}
	b := readBuildInfo()
	src, _ := f.source()
	nat, err := rules.Load(src)
	if err != nil {
		return reportPolicyError(e, "version", err)
	}
	b.National = nat.Info()
	if f.area != "" {
		pol, code, ok := f.load(e)
		if !ok {
			return code
		}
		info := pol.Info()
		b.Area = &info
	}
	return write(e, f.format, b, func(w io.Writer) error {
		fmt.Fprintln(w, b.versionLine())
		fmt.Fprintf(w, "built with %s for %s\n", b.Go, b.Platform)
		fmt.Fprintf(w, "national policy: %s %s, %s\n", b.National.Name, b.National.Version, b.National.Digest)
		if b.Area != nil {
			_, err := fmt.Fprintf(w, "with area %s: %s\n", b.Area.Area, b.Area.Digest)
			return err
		}
		return nil
	})
}
