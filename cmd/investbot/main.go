// Command investbot is the Thanh Hóa investment bot.
//
//	investbot [run]                       the Telegram bot (needs TELEGRAM_BOT_TOKEN)
//	investbot chat [--lang CODE] [--desk] talk to the bot in the terminal
//	investbot ask [--json] [--lang CODE] [QUESTION]
//	investbot ask --json --dialog          conversations as JSON lines
//	investbot score [--sets DIR]           figures on evaluation sets
//	investbot kb validate [DIR]           check a knowledge base
//	investbot kb test [DIR]               run its example questions
//	investbot kb push [--dry-run] FILE    check and publish to every running bot (REDIS_URL)
//	investbot kb pull [-o FILE]           the live knowledge base as a zip
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	e.tty = term.IsTerminal(int(os.Stdin.Fd()))
	if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
		e.width = w
	}
	os.Exit(run(ctx, os.Args[1:], e))
}

// env is the process environment, passed in so that tests run the real
// commands with their own input and output.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// tty is set when stdin is a terminal: a person types, so ask prompts.
	tty bool
	// width is the terminal's width in columns, 0 when stdout is not a
	// terminal (then chat does not wrap).
	width int
}

const usage = `usage:
  investbot [run]                          run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  investbot chat [--lang CODE] [--desk] [--kb DIR]
                                           talk to the bot in this terminal (no token, no Redis);
                                           --desk also plays the Japan Desk group
  investbot ask [--json] [--lang CODE] [--kb DIR] [QUESTION]
                                           answer one question, or one per stdin line
                                           (on a terminal it prompts for them)
  investbot ask --json --dialog [--kb DIR] conversations: stdin lines {"dialog":"d1","q":"…"}
  investbot score [--sets DIR] [--misses]  figures on evaluation sets (default knowledge/testdata/blind)
  investbot kb validate [DIR]              check a knowledge base (default: the bundled one)
  investbot kb test [DIR]                  run a knowledge base's example questions
  investbot kb push [--dry-run] FILE       check a .yaml or .zip and publish it to the bots sharing REDIS_URL
  investbot kb pull [-o FILE]              download the live knowledge base as a zip
`

// run executes one command and returns the process exit code.
func run(ctx context.Context, args []string, e env) int {
	cmd := "run"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "run":
		err = runBot(ctx, args, e)
	case "chat":
		err = chat(ctx, args, e)
	case "ask":
		err = ask(ctx, args, e.prompting("question> "))
	case "score":
		err = score(ctx, args, e)
	case "healthcheck":
		err = healthcheck(ctx, e)
	case "kb":
		return kbCommand(ctx, args, e)
	case "help", "-h", "--help":
		fmt.Fprint(e.stdout, usage)
		return 0
	default:
		fmt.Fprintf(e.stderr, "investbot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		// `chat --help` printed the flags: asking for help is no failure.
		return 0
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "investbot %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

// prompting returns e whose stdin, on a terminal, shows prompt before each
// read, so that `ask` with no question waits visibly instead of looking
// hung. A pipe is read as it is.
func (e env) prompting(prompt string) env {
	if e.tty {
		e.stdin = &promptReader{r: e.stdin, w: e.stderr, prompt: prompt,
			hint: "Type a question and press Enter; Ctrl-D to end.\n"}
	}
	return e
}

// promptReader writes its prompt before every read: on a terminal each
// read returns one typed line.
type promptReader struct {
	r            io.Reader
	w            io.Writer
	prompt, hint string
}

func (p *promptReader) Read(b []byte) (int, error) {
	if p.hint != "" {
		fmt.Fprint(p.w, p.hint)
		p.hint = ""
	}
	fmt.Fprint(p.w, p.prompt)
	return p.r.Read(b)
}
