package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/rules"
)

// flags holds the options most commands share.
type flags struct {
	*flag.FlagSet
	cmd     *command
	env     *env
	files   []*string           // the values of flags that name files, any of which may be "-"
	choices map[string][]string // the values some flags take, by flag name, for help and completion
	args    []string            // the values the positional arguments take, when they are not files
	min     int                 // the fewest positional arguments
	max     int                 // the most positional arguments; -1 for any number
	policy  string
	area    string
	format  string
	formats []string
	explain bool
}

// newFlags makes the flag set for c. formats lists the --format choices, the
// first being the default; none means the command has no --format.
func newFlags(c *command, e *env, formats ...string) *flags {
	f := bareFlags(c, e)
	f.formats = formats
	f.StringVar(&f.policy, "policy", "", "read the national rule files from `DIR` instead of the embedded policy")
	f.fileFlag(&f.area, "area", "overlay the area rule `FILE` (- reads standard input)")
	if len(formats) > 0 {
		f.StringVar(&f.format, "format", formats[0], "output format: "+strings.Join(formats, " or "))
		f.choices["format"] = formats
	}
	return f
}

// bareFlags makes the flag set for c without the shared flags, with its
// help: the synopsis, the summary, the example and the flags.
func bareFlags(c *command, e *env) *flags {
	f := &flags{FlagSet: flag.NewFlagSet("isotp "+c.name, flag.ContinueOnError), cmd: c, env: e, choices: map[string][]string{}}
	f.SetOutput(e.stderr)
	f.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: isotp %s %s\n\n%s\n", c.name, c.args, c.summary)
		if c.example != "" {
			fmt.Fprintf(e.stderr, "\nExample:\n  %s\n", c.example)
		}
		fmt.Fprintf(e.stderr, "\nFlags:\n")
		f.PrintDefaults()
	}
	return f
}

// fileFlag adds a flag naming a file, which may be "-" for standard input.
func (f *flags) fileFlag(p *string, name, usage string) {
	f.StringVar(p, name, "", usage)
	f.files = append(f.files, p)
}

// explainFlag adds --explain, for decision commands.
func (f *flags) explainFlag() {
	f.BoolVar(&f.explain, "explain", false, "show, for each rule, the expressions evaluated and the values they read")
}

// evalOptions returns the rule evaluation options the flags ask for.
func (f *flags) evalOptions() []rules.EvalOption {
	if f.explain {
		return []rules.EvalOption{rules.Explain()}
	}
	return nil
}

// parse parses args, allowing flags after the positional arguments, and
// checks the number of positional arguments is in [min, max] (max < 0: any).
// It returns the positional arguments, or an exit status when it has already
// reported a problem (or printed help).
func (f *flags) parse(args []string, min, max int) ([]string, int, bool) {
	f.min, f.max = min, max
	if f.env.describe != nil {
		f.env.describe(f)
		return nil, exitOK, false
	}
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(f.formats) > 0 && !slices.Contains(f.formats, f.format) {
		fmt.Fprintf(f.Output(), "isotp %s: unknown --format %q (want %s)\n", f.cmd.name, f.format, strings.Join(f.formats, " or "))
		return nil, exitUsage, false
	}
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		fmt.Fprintf(f.Output(), "isotp %s: wrong number of arguments\n", f.cmd.name)
		f.Usage()
		return nil, exitUsage, false
	}
	stdin := 0
	for _, p := range f.files {
		if *p == "-" {
			stdin++
		}
	}
	for _, p := range pos {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		fmt.Fprintf(f.Output(), "isotp %s: only one file argument may be - (standard input)\n", f.cmd.name)
		return nil, exitUsage, false
	}
	return pos, exitOK, true
}

// source returns the national rule files and the area option the flags name.
func (f *flags) source() (rules.Source, []rules.Option) {
	src := rules.National
	if f.policy != "" {
		src = rules.OSDir(f.policy)
	}
	var opts []rules.Option
	if f.area != "" {
		opts = append(opts, areaOption(f.env, f.area))
	}
	return src, opts
}

// areaOption overlays the area file name, or the one on standard input
// for "-".
func areaOption(e *env, name string) rules.Option {
	if name != "-" {
		return rules.AreaPath(name)
	}
	return rules.AreaReader(displayName(name), e.stdin)
}

// load loads the policy the flags name. A policy error is printed in full,
// every error with its source line, and gives exitPolicy.
func (f *flags) load(e *env) (*rules.Policy, int, bool) {
	src, opts := f.source()
	pol, err := rules.Load(src, opts...)
	if err != nil {
		return nil, reportPolicyError(e, f.cmd.name, err), false
	}
	return pol, exitOK, true
}

// reportPolicyError prints err; an ErrorList is printed one error per entry
// with its source line.
func reportPolicyError(e *env, cmd string, err error) int {
	var list rules.ErrorList
	if errors.As(err, &list) {
		for _, pe := range list {
			fmt.Fprintln(e.stderr, pe.Detail())
		}
		fmt.Fprintf(e.stderr, "isotp %s: %d error(s) in the policy\n", cmd, len(list))
		return exitPolicy
	}
	fmt.Fprintf(e.stderr, "isotp %s: %v\n", cmd, err)
	if errors.Is(err, rules.ErrInvalidPolicy) {
		return exitPolicy
	}
	return exitUsage
}

// openInput opens a named input file, or standard input for "-".
func openInput(e *env, name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(e.stdin), nil
	}
	return os.Open(name)
}

// readCase reads and decodes one case file, printing any problem.
func readCase(e *env, cmd, name string) (*isotp.Case, int, bool) {
	r, err := openInput(e, name)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp %s: %v\n", cmd, err)
		return nil, exitUsage, false
	}
	defer r.Close()
	c, err := isotp.DecodeCase(r)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp %s: %s: %v\n", cmd, displayName(name), err)
		return nil, exitUsage, false
	}
	return c, exitOK, true
}

// readIntake reads and decodes one intake of referrals, printing any
// problem.
func readIntake(e *env, cmd, name string) (*isotp.Intake, int, bool) {
	r, err := openInput(e, name)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp %s: %v\n", cmd, err)
		return nil, exitUsage, false
	}
	defer r.Close()
	in, err := isotp.DecodeIntake(r)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp %s: %s: %v\n", cmd, displayName(name), err)
		return nil, exitUsage, false
	}
	return in, exitOK, true
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}
