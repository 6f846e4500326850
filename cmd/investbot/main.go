// Command investbot is the Thanh Hóa investment bot.
//
//	investbot [run]                       the Telegram bot (needs TELEGRAM_BOT_TOKEN)
//	investbot chat                        talk to the bot in the terminal
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
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

// env is the process environment, passed in so that tests run the real
// commands with their own input and output.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

const usage = `usage:
  investbot [run]                          run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  investbot chat [--kb DIR]                talk to the bot in this terminal (no token, no Redis)
  investbot ask [--json] [--lang CODE] [--kb DIR] [QUESTION]
                                           answer one question, or one per stdin line
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
		err = ask(ctx, args, e)
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
	if err != nil {
		fmt.Fprintf(e.stderr, "investbot %s: %v\n", cmd, err)
		return 1
	}
	return 0
}
