// Package tgtest runs Telegram test doubles for the bot's tests: the npm
// Bot API emulator telegram-test-api (a real server, driven over its
// client routes as users would), and Fake, an httptest Bot API that records
// calls and answers the methods the emulator lacks.
package tgtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// EmulatorVersion is the telegram-test-api version the harness installs.
const EmulatorVersion = "4.2.1"

// Emulator is a running telegram-test-api server.
//
// What it emulates (learned from its source, lib/routes): bot methods
// getMe (always id 666, username TestNameBot), getUpdates (returns every
// unread update at once and marks it read; offset, limit and timeout are
// ignored, so it never long-polls), sendMessage (stored with a millisecond
// timestamp), editMessageText, editMessageReplyMarkup, answerCallbackQuery
// (accepted, not stored), deleteMessage, setWebhook and deleteWebhook
// (updates are then POSTed to the URL without the secret-token header).
// Any other method gets HTTP 500 {"message": "API method ... is not
// supported"}. Client routes: POST /sendMessage, /sendCommand,
// /sendCallback with a JSON message carrying botToken; /getUpdates (unread
// bot messages of one chat) and /getUpdatesHistory (everything for a
// token, with times).
type Emulator struct {
	// URL is the base URL to use as TELEGRAM_API_ENDPOINT.
	URL string

	cmd    *exec.Cmd
	stderr *lockedBuffer
}

// StartEmulator installs telegram-test-api into <repo>/.cache/tgemu (once,
// under a file lock so that parallel test binaries do not race), starts it
// on a free port with node and stops it at test cleanup. It fails the test
// with a clear message when node or npm is missing.
func StartEmulator(tb testing.TB) *Emulator {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		tb.Fatalf("tgtest: node not found in PATH: the Telegram emulator needs Node.js 18+ and npm (CI installs them): %v", err)
	}
	dir := mustInstall(tb)
	script := filepath.Join(tb.TempDir(), "start-emulator.js")
	if err := os.WriteFile(script, []byte(startScript), 0o644); err != nil {
		tb.Fatalf("tgtest: write start script: %v", err)
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		e, err := launch(tb, node, script, dir)
		if err == nil {
			return e
		}
		lastErr = err // most likely the free port was taken meanwhile
	}
	tb.Fatalf("tgtest: emulator did not start: %v", lastErr)
	return nil
}

const startScript = `'use strict';
const [modPath, port] = process.argv.slice(2);
const TelegramServer = require(modPath);
const server = new TelegramServer({port: Number(port), host: '127.0.0.1', storage: 'RAM', storeTimeout: 3600});
server.start().then(() => { console.log('READY ' + port); })
  .catch((e) => { console.error('START FAILED ' + e); process.exit(1); });
const stop = () => { server.stop().finally(() => process.exit(0)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`

func launch(tb testing.TB, node, script, dir string) (*Emulator, error) {
	tb.Helper()
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	mod := filepath.Join(dir, "node_modules", "telegram-test-api")
	cmd := exec.Command(node, "--unhandled-rejections=warn", script, mod, strconv.Itoa(port))
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start node: %w", err)
	}
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "READY ") {
				ready <- nil
				_, _ = io.Copy(io.Discard, stdout)
				return
			}
		}
		ready <- fmt.Errorf("emulator exited before it was ready; stderr: %s", stderr.String())
	}()
	select {
	case err := <-ready:
		if err != nil {
			_ = cmd.Wait()
			return nil, err
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("emulator not ready after 30s; stderr: %s", stderr.String())
	}
	e := &Emulator{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, stderr: stderr}
	tb.Cleanup(e.stop)
	// It says READY once listening; check that it answers too.
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Post(e.URL+"/botcheck/getMe", "application/json", nil)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return e, nil
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("emulator does not answer getMe: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (e *Emulator) stop() {
	if e.cmd.Process == nil {
		return
	}
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = e.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		_ = e.cmd.Process.Kill()
		<-done
	}
}

// Stderr is what the emulator printed on stderr so far (for failure
// messages).
func (e *Emulator) Stderr() string { return e.stderr.String() }

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// mustInstall returns the cache directory holding node_modules with the
// emulator, running npm install there when needed.
func mustInstall(tb testing.TB) string {
	tb.Helper()
	root, err := repoRoot()
	if err != nil {
		tb.Fatalf("tgtest: %v", err)
	}
	dir := filepath.Join(root, ".cache", "tgemu")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatalf("tgtest: %v", err)
	}
	lock, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		tb.Fatalf("tgtest: %v", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		tb.Fatalf("tgtest: lock %s: %v", lock.Name(), err)
	}
	defer func() { _ = syscall.Flock(int(lock.Fd()), syscall.LOCK_UN) }()

	if installedVersion(dir) == EmulatorVersion {
		return dir
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		tb.Fatalf("tgtest: npm not found in PATH: the Telegram emulator is installed with npm (CI installs Node.js and npm): %v", err)
	}
	// A package.json here stops npm from walking up and installing into
	// some parent project.
	pkg := filepath.Join(dir, "package.json")
	if _, err := os.Stat(pkg); err != nil {
		if err := os.WriteFile(pkg, []byte(`{"name":"tgemu","private":true}`+"\n"), 0o644); err != nil {
			tb.Fatalf("tgtest: %v", err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "telegram-test-api@"+EmulatorVersion)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("tgtest: npm install telegram-test-api@%s in %s: %v\n%s", EmulatorVersion, dir, err, out)
	}
	if v := installedVersion(dir); v != EmulatorVersion {
		tb.Fatalf("tgtest: npm installed telegram-test-api %q, want %s\n%s", v, EmulatorVersion, out)
	}
	return dir
}

func installedVersion(dir string) string {
	raw, err := os.ReadFile(filepath.Join(dir, "node_modules", "telegram-test-api", "package.json"))
	if err != nil {
		return ""
	}
	var p struct {
		Version string `json:"version"`
	}
	_ = json.Unmarshal(raw, &p)
	return p.Version
}

// repoRoot is the directory of the nearest go.mod above the working
// directory (go test runs in the package directory).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 1<<20 {
		return len(p), nil // enough to explain a failure
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
