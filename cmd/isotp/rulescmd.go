package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/internal/textwrap"
)

var rulesCommand = &command{
	name:    "rules",
	args:    "[--policy DIR] [--area FILE] [--format text|json]",
	summary: "list the rules in force, section by section: id, effect, whether an area may replace it, where it is written",
	example: "isotp rules --area examples/areas/cheshire.yaml",
}

func init() { rulesCommand.run = runRules }

// ruleListing is one rule in force, as isotp rules lists it.
type ruleListing struct {
	Section     string `json:"section"`
	ID          string `json:"id"`
	Effect      string `json:"effect"`
	Overridable bool   `json:"overridable"`
	Origin      string `json:"origin"` // national or area
	File        string `json:"file"`
	Line        int    `json:"line"`
	Description string `json:"description"`
}

func runRules(ctx context.Context, e *env, args []string) int {
	f := newFlags(rulesCommand, e, "text", "json")
	if _, code, ok := f.parse(args, 0, 0); !ok {
		return code
	}
	pol, code, ok := f.load(e)
	if !ok {
		return code
	}
	list := []ruleListing{}
	for _, s := range decisions.Sections() {
		for _, r := range pol.Rules(s.Name) {
			origin := "national"
			if r.Source != "national" {
				origin = "area"
			}
			list = append(list, ruleListing{Section: s.Name, ID: r.ID, Effect: r.Effect, Overridable: r.Overridable,
				Origin: origin, File: r.Pos.File, Line: r.Pos.Line, Description: r.Description})
		}
	}
	return write(e, f.format, list, func(w io.Writer) error {
		info := pol.Info()
		fmt.Fprintf(w, "Rules of %s %s (%s), in the order they are decided\n", info.Name, info.Version, info.Area)
		section := ""
		var tw *tabwriter.Writer
		flush := func() error {
			if tw == nil {
				return nil
			}
			return tw.Flush()
		}
		for _, r := range list {
			if r.Section != section {
				if err := flush(); err != nil {
					return err
				}
				section = r.Section
				fmt.Fprintf(w, "\n%s\n", section)
				tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "  ID\tEFFECT\tAREAS MAY REPLACE\tFROM\tWHERE")
			}
			replace := "no"
			if r.Overridable {
				replace = "yes"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s:%d\n", r.ID, r.Effect, replace, r.Origin, r.File, r.Line)
		}
		if err := flush(); err != nil {
			return err
		}
		fmt.Fprintln(w, "\nWhat each rule requires")
		for _, r := range list {
			fmt.Fprintf(w, "\n  %s.%s\n", r.Section, r.ID)
			fmt.Fprint(w, textwrap.Wrap(r.Description, 76, "    "))
		}
		return nil
	})
}
