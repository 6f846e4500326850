package loadtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
)

// Build compiles the packages (e.g. "./cmd/investbot") of the module in
// dir (the module root) into out, and returns the binaries' paths by the
// packages' last path element.
func Build(ctx context.Context, dir, out string, pkgs ...string) (map[string]string, error) {
	bins := map[string]string{}
	for _, p := range pkgs {
		n := filepath.Base(p)
		bin := filepath.Join(out, n)
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, p)
		cmd.Dir = dir
		if msg, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("loadtest: go build %s: %w\n%s", p, err, msg)
		}
		bins[n] = bin
	}
	return bins, nil
}

// FreePort returns a local TCP port that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Replica is one bot process in webhook mode.
type Replica struct {
	Name string
	URL  string // http://127.0.0.1:port
	Log  string // its stderr
	cmd  *exec.Cmd
	done chan struct{}
}

// ReplicaConfig is what a replica needs besides its binary.
type ReplicaConfig struct {
	Sink       string // TELEGRAM_API_ENDPOINT
	RedisURL   string
	Secret     string
	GlobalRate int // TELEGRAM_GLOBAL_RATE
	LogDir     string
	Extra      []string // more KEY=VALUE
}

// StartReplica runs bin ("investbot run" or "echobot") on a free port and
// waits until /healthz answers.
func StartReplica(ctx context.Context, bin, name string, c ReplicaConfig) (*Replica, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	var args []string
	switch filepath.Base(bin) {
	case "investbot":
		args = []string{"run"}
	case "echobot":
		args = []string{"-global-rate", strconv.Itoa(c.GlobalRate)}
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"TELEGRAM_BOT_TOKEN=" + Token(name),
		"TELEGRAM_API_ENDPOINT=" + c.Sink,
		"WEBHOOK_URL=https://bot.example.org" + WebhookPath,
		"WEBHOOK_SECRET=" + c.Secret,
		"LISTEN_ADDR=127.0.0.1:" + strconv.Itoa(port),
		"REDIS_URL=" + c.RedisURL,
		"TELEGRAM_GLOBAL_RATE=" + strconv.Itoa(c.GlobalRate),
		"LOG_LEVEL=warn",
	}, c.Extra...)
	logPath := filepath.Join(c.LogDir, name+".log")
	lf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = lf, lf
	if err := cmd.Start(); err != nil {
		lf.Close()
		return nil, fmt.Errorf("loadtest: start %s: %w", name, err)
	}
	r := &Replica{Name: name, URL: "http://127.0.0.1:" + strconv.Itoa(port), Log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); lf.Close(); close(r.done) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(r.URL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r, nil
			}
		}
		select {
		case <-r.done:
			log, _ := os.ReadFile(logPath)
			return nil, fmt.Errorf("loadtest: %s exited at start:\n%s", name, log)
		case <-ctx.Done():
			r.Kill()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			r.Kill()
			return nil, fmt.Errorf("loadtest: %s did not answer /healthz in 30 s", name)
		}
	}
}

// PID is the replica's process id.
func (r *Replica) PID() int { return r.cmd.Process.Pid }

// RSS is the replica's resident memory in KiB.
func (r *Replica) RSS() int { return RSS(r.PID()) }

// Kill ends the replica with SIGKILL, as a crash or an OOM kill would.
func (r *Replica) Kill() {
	_ = r.cmd.Process.Signal(syscall.SIGKILL)
	<-r.done
}

// Stop ends the replica with SIGTERM and waits up to 25 s.
func (r *Replica) Stop() {
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-r.done:
	case <-time.After(25 * time.Second):
		r.Kill()
	}
}

// LogLines counts lines of the replica's log that contain s.
func (r *Replica) LogLines(s string) int {
	raw, _ := os.ReadFile(r.Log)
	return strings.Count(string(raw), s)
}

// RedisServer is a private redis-server without persistence, so that the
// faults scenario may kill and restart it.
type RedisServer struct {
	Port int
	cmd  *exec.Cmd
}

// StartRedis runs redis-server (from PATH) on port (0: a free one) with
// AOF and snapshots off, and waits until it answers.
func StartRedis(ctx context.Context, port int) (*RedisServer, error) {
	if port == 0 {
		p, err := FreePort()
		if err != nil {
			return nil, err
		}
		port = p
	}
	s := &RedisServer{Port: port}
	return s, s.Start(ctx)
}

// URL is the server's redis:// URL.
func (s *RedisServer) URL() string { return "redis://127.0.0.1:" + strconv.Itoa(s.Port) + "/0" }

// Start (re)starts the server on its port.
func (s *RedisServer) Start(ctx context.Context) error {
	s.cmd = exec.Command("redis-server", "--port", strconv.Itoa(s.Port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning")
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("loadtest: redis-server: %w", err)
	}
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(s.Port), MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if err := c.Ping(ctx).Err(); err == nil {
			return nil
		} else if time.Now().After(deadline) {
			return fmt.Errorf("loadtest: redis-server on %d does not answer: %w", s.Port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Kill ends the server with SIGKILL.
func (s *RedisServer) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	_ = s.cmd.Wait()
	s.cmd = nil
}

// FlushDB empties the database named by url; the harness calls it before
// and after a run on its dedicated database (the bots use the default key
// prefix, so the database number is what isolates them). It refuses
// database 0, which is where real data would live.
func FlushDB(ctx context.Context, url string) error {
	o, err := redis.ParseURL(url)
	if err != nil {
		return fmt.Errorf("loadtest: REDIS_URL %q: %w", url, err)
	}
	if o.DB == 0 {
		return errors.New("loadtest: refusing to FLUSHDB database 0; give the harness a dedicated database such as redis://127.0.0.1:6379/9")
	}
	c := redis.NewClient(o)
	defer c.Close()
	if err := c.FlushDB(ctx).Err(); err != nil {
		return fmt.Errorf("loadtest: flushdb %s: %w", url, err)
	}
	return nil
}

// RedisInfo returns a field of INFO (e.g. "used_memory") and DBSIZE.
func RedisInfo(ctx context.Context, url, field string) (string, int64, error) {
	o, err := redis.ParseURL(url)
	if err != nil {
		return "", 0, err
	}
	c := redis.NewClient(o)
	defer c.Close()
	info, err := c.Info(ctx, "memory").Result()
	if err != nil {
		return "", 0, err
	}
	n, err := c.DBSize(ctx).Result()
	if err != nil {
		return "", 0, err
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return v, n, nil
		}
	}
	return "", n, nil
}
