package redisstore

import (
	"context"
	"net"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// testServer is a redis-server of the test's own on a free port, so the
// test may kill and restart it.
type testServer struct {
	tb   testing.TB
	port int
	args []string
	cmd  *exec.Cmd
}

// MustStartServer starts redis-server (from PATH) on a free local port with
// extra arguments, waits until it answers, and kills it when the test ends.
func MustStartServer(tb testing.TB, args ...string) *testServer {
	tb.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		tb.Fatalf("redis-server is not on PATH (run scripts/redis-for-tests.sh to install it): %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	s := &testServer{tb: tb, port: port, args: args}
	s.start()
	tb.Cleanup(s.kill)
	return s
}

func (s *testServer) url() string { return "redis://127.0.0.1:" + strconv.Itoa(s.port) }

// start runs the server and waits up to 5 s for it to answer PING.
func (s *testServer) start() {
	s.tb.Helper()
	args := append([]string{"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--daemonize", "no", "--loglevel", "warning"}, s.args...)
	s.cmd = exec.Command("redis-server", args...)
	if err := s.cmd.Start(); err != nil {
		s.tb.Fatalf("start redis-server: %v", err)
	}
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(s.port), MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := c.Ping(context.Background()).Err()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			s.tb.Fatalf("redis-server on port %d does not answer: %v", s.port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// kill ends the server with SIGKILL, as a crash would.
func (s *testServer) kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	_ = s.cmd.Wait()
	s.cmd = nil
}

// signal sends sig to the running server (SIGSTOP makes it hang).
func (s *testServer) signal(sig syscall.Signal) {
	s.tb.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.tb.Fatalf("signal redis-server: %v", err)
	}
}
