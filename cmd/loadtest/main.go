// Command loadtest measures investbot under load and faults, against a
// fast local Bot API sink and a real Redis, with the real binaries
// (./cmd/investbot and ./cmd/echobot, built into a temporary folder) as
// webhook replicas. See docs/benchmarks.md and docs/reliability.md.
//
//	loadtest [load]     throughput, latency and RSS; investbot vs echobot
//	loadtest conference 1,000 new users in ten seconds at Telegram's real limits
//	loadtest faults     Redis restart, 429/500 storm, replica killed, bad updates, bad secrets
//	loadtest memory     100,000 stored sessions, RSS under load
//
// The load and memory scenarios use REDIS_URL's database (default
// redis://127.0.0.1:6379/9), which they FLUSHDB before and after: the bots
// use the default key prefix, so the database number is what keeps them
// apart from anything else. faults starts a redis-server of its own.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/thanhhoa/investbot/internal/loadtest"
)

const secret = "loadtest_webhook_secret_0123456789"

type options struct {
	duration    time.Duration
	concurrency int
	replicas    int
	users       int
	bot         string
	json        bool
	redisURL    string
	spread      time.Duration
	sessions    int
	baseline    string
	flood       int
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv("REDIS_URL")); err != nil {
		fmt.Fprintf(os.Stderr, "loadtest: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, redisEnv string) error {
	scenario := "load"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		scenario, args = args[0], args[1:]
	}
	o := options{}
	fs := flag.NewFlagSet(scenario, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.DurationVar(&o.duration, "duration", 15*time.Second, "load time per bot (load, memory) or per fault phase (faults: a third of it)")
	fs.IntVar(&o.concurrency, "concurrency", 4, "webhook requests in flight (load, faults, memory; 4 is the knee on 2 cores)")
	fs.IntVar(&o.replicas, "replicas", 1, "bot replicas sharing Redis: 1 or 2 (load)")
	fs.IntVar(&o.users, "users", 0, "distinct users (default: load 20000, conference 200, faults 5000, memory 100000)")
	fs.StringVar(&o.bot, "bot", "both", "investbot, echobot, both, before (the -baseline build), or a comma-separated list (load; conference takes one)")
	fs.StringVar(&o.baseline, "baseline", "", "another checkout of investbot (e.g. a git worktree of main) built as the bot \"before\", to compare in one run")
	fs.IntVar(&o.flood, "flood", 0, "FLOOD_LIMIT (messages per user per minute) for every bot; 0 keeps the bots' default (20). Raise it to load few users often (returning users)")
	fs.BoolVar(&o.json, "json", false, "print one JSON report instead of text")
	def := redisEnv
	if def == "" {
		def = "redis://127.0.0.1:6379/9"
	}
	fs.StringVar(&o.redisURL, "redis", def, "Redis with a dedicated database, FLUSHDB before and after (REDIS_URL)")
	fs.DurationVar(&o.spread, "spread", 10*time.Second, "conference: time over which the users arrive")
	fs.IntVar(&o.sessions, "sessions", 100000, "memory: sessions stored before the load")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.replicas < 1 || o.replicas > 2 {
		return fmt.Errorf("-replicas must be 1 or 2")
	}

	tmp, err := os.MkdirTemp("", "loadtest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	root, err := moduleRoot(ctx)
	if err != nil {
		return err
	}
	bins, err := loadtest.Build(ctx, root, tmp, "./cmd/investbot", "./cmd/echobot")
	if err != nil {
		return err
	}
	if o.baseline != "" {
		dir := filepath.Join(tmp, "before")
		if err := os.Mkdir(dir, 0o755); err != nil {
			return err
		}
		b, err := loadtest.Build(ctx, o.baseline, dir, "./cmd/investbot")
		if err != nil {
			return fmt.Errorf("-baseline: %w", err)
		}
		bins["before"] = b["investbot"]
	}
	env := &harness{o: o, bins: bins, tmp: tmp, out: stderr}
	var report any
	switch scenario {
	case "load":
		report, err = env.load(ctx)
	case "conference":
		report, err = env.conference(ctx)
	case "faults":
		report, err = env.faults(ctx)
	case "memory":
		report, err = env.memory(ctx)
	default:
		return fmt.Errorf("unknown scenario %q (load, conference, faults, memory)", scenario)
	}
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"scenario": scenario, "machine": machine(), "report": report})
	}
	fmt.Fprintf(stdout, "machine: %s\n", machine())
	printText(stdout, report)
	return nil
}

func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("run loadtest inside the investbot module")
	}
	return filepath.Dir(mod), nil
}

func machine() string {
	model := ""
	if raw, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(raw), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	load := ""
	if raw, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(raw))[:3], " ")
	}
	return fmt.Sprintf("%d CPUs (%s), %s, load average %s", runtime.NumCPU(), model, runtime.Version(), load)
}

// harness holds what the scenarios share.
type harness struct {
	o    options
	bins map[string]string
	tmp  string
	out  io.Writer
}

func (h *harness) logf(format string, args ...any) {
	fmt.Fprintf(h.out, "loadtest: "+format+"\n", args...)
}

// stack is a sink with replicas of one bot.
type stack struct {
	sink     *loadtest.Sink
	tracker  *loadtest.Tracker
	replicas []*loadtest.Replica
	poster   *loadtest.Poster
}

// extraEnv is the environment every bot of the run gets beyond the
// harness's own.
func (h *harness) extraEnv() []string {
	// An update left by a killed replica is handled by the other once
	// this lease lapses (production: 10 s, renewed while the handling
	// lasts).
	env := []string{"UPDATE_LOCK_TTL=3s"}
	if h.o.flood > 0 {
		env = append(env, "FLOOD_LIMIT="+strconv.Itoa(h.o.flood))
	}
	return env
}

func (h *harness) startStack(ctx context.Context, bot string, replicas int, redisURL string, rate int) (*stack, error) {
	tr := loadtest.NewTracker()
	sink, err := loadtest.StartSink(tr)
	if err != nil {
		return nil, err
	}
	s := &stack{sink: sink, tracker: tr}
	var urls []string
	for i := 0; i < replicas; i++ {
		name := fmt.Sprintf("%s%d", bot, i+1)
		bin := h.bins[bot]
		r, err := loadtest.StartReplica(ctx, bin, name, loadtest.ReplicaConfig{
			Sink: sink.URL, RedisURL: redisURL, Secret: secret, GlobalRate: rate, LogDir: h.tmp,
			Extra: h.extraEnv(),
		})
		if err != nil {
			s.stop()
			return nil, err
		}
		s.replicas = append(s.replicas, r)
		urls = append(urls, r.URL)
	}
	s.poster = loadtest.NewPoster(urls, secret, tr, h.o.concurrency)
	// Replies may follow the acknowledgement (the outbox): an update
	// counts once its reply is in, for every bot alike.
	s.poster.AwaitReply = 10 * time.Second
	return s, nil
}

func (s *stack) stop() {
	for _, r := range s.replicas {
		r.Stop()
	}
	s.sink.Close()
}

func (s *stack) rss() []int {
	var out []int
	for _, r := range s.replicas {
		out = append(out, r.RSS())
	}
	return out
}
