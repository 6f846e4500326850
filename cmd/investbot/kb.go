package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/thanhhoa/investbot/app"
	"github.com/thanhhoa/investbot/knowledge/base"
)

// kbCommand runs `investbot kb validate|test [DIR]`. Problems are printed
// one per line as file:line: entry: message, the form editors and CI
// annotate, and make the exit code 1.
func kbCommand(ctx context.Context, args []string, e env) int {
	const kbUsage = "usage: investbot kb validate|test [DIR] | push [--dry-run] FILE | pull [-o FILE]\n"
	if len(args) == 0 {
		fmt.Fprint(e.stderr, kbUsage)
		return 2
	}
	sub, args := args[0], args[1:]
	if isHelp(sub) || (sub == "validate" || sub == "test") && len(args) > 0 && isHelp(args[0]) {
		fmt.Fprint(e.stdout, kbUsage)
		return 0
	}
	remote := map[string]func(context.Context, []string, env) error{"push": kbPush, "pull": kbPull}
	if f, ok := remote[sub]; ok {
		if err := f(ctx, args, e); errors.Is(err, flag.ErrHelp) {
			return 0
		} else if err != nil {
			fmt.Fprintf(e.stderr, "investbot kb %s: %v\n", sub, err)
			return 1
		}
		return 0
	}
	dir := e.getenv("KB_DIR")
	if len(args) > 0 {
		dir = args[0]
	}
	label := dir
	if label == "" {
		label = "bundled knowledge base"
	}
	kb, err := app.LoadKB(dir)
	if err != nil {
		var verr *base.ValidationError
		if errors.As(err, &verr) {
			for _, p := range verr.Problems {
				fmt.Fprintln(e.stderr, p)
			}
			fmt.Fprintf(e.stderr, "%s: %d problem(s)\n", label, len(verr.Problems))
			return 1
		}
		fmt.Fprintf(e.stderr, "%s: %v\n", label, err)
		return 1
	}
	switch sub {
	case "validate":
		// Warnings (a review date passed) do not fail the check.
		for _, p := range kb.Warnings() {
			fmt.Fprintln(e.stderr, p)
		}
		fmt.Fprintf(e.stdout, "%s: %d entries, version %s: valid\n", label, kb.Len(), kb.Version())
		return 0
	case "test":
		problems := kb.Test()
		for _, p := range problems {
			fmt.Fprintln(e.stderr, p)
		}
		total := 0
		for _, en := range kb.Entries() {
			for _, ex := range en.Examples {
				total += len(ex)
			}
		}
		fmt.Fprintf(e.stdout, "%s: %d/%d example questions answered by their own entry\n", label, total-len(problems), total)
		if len(problems) > 0 {
			return 1
		}
		return 0
	default:
		fmt.Fprintf(e.stderr, "investbot kb: unknown subcommand %q (want validate, test, push or pull)\n", sub)
		return 2
	}
}

func isHelp(arg string) bool { return arg == "-h" || arg == "--help" || arg == "help" }
