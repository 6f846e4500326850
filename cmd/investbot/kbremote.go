package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/thanhhoa/investbot"
	"github.com/thanhhoa/investbot/config"
	"github.com/thanhhoa/investbot/kbadmin"
	"github.com/thanhhoa/investbot/knowledge"
	"github.com/thanhhoa/investbot/knowledge/base"
	"github.com/thanhhoa/investbot/redisstore"
)

// openKBAdmin connects to the Redis of REDIS_URL, where published
// knowledge-base versions live.
func openKBAdmin(ctx context.Context, e env) (*kbadmin.Service, func(), error) {
	cfg, err := config.Parse(e.getenv)
	if err != nil {
		return nil, nil, err
	}
	if cfg.RedisURL == "" {
		return nil, nil, fmt.Errorf("REDIS_URL is not set: push and pull work on the knowledge-base versions the running bots share in Redis")
	}
	st, err := redisstore.Open(ctx, cfg.RedisURL, redisstore.Options{})
	if err != nil {
		return nil, nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	return kbadmin.New(st.Admin()), func() { st.Close() }, nil
}

// kbPush checks FILE (.yaml or .zip) against the live knowledge base, as a
// Telegram upload is checked, and publishes it unless --dry-run or a problem
// was found. Every running bot switches to it within seconds.
func kbPush(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("kb push", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dry := fs.Bool("dry-run", false, "check and show the summary, publish nothing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: investbot kb push [--dry-run] FILE.yaml|FILE.zip")
	}
	path := fs.Arg(0)
	data, err := readUpload(path)
	if err != nil {
		return err
	}
	svc, closeFn, err := openKBAdmin(ctx, e)
	if err != nil {
		return err
	}
	defer closeFn()
	files, _, err := svc.LiveFiles(ctx)
	if err != nil {
		return err
	}
	live, err := knowledge.Load(base.Parse(files))
	if err != nil {
		return fmt.Errorf("the live knowledge base does not load: %w", err)
	}
	rep, err := svc.Check(ctx, live, filepath.Base(path), data)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, rep.Render(investbot.EN))
	if !rep.OK() {
		return fmt.Errorf("%s: not published: fix the problems above", path)
	}
	if *dry {
		fmt.Fprintln(e.stdout, "dry run: nothing published")
		return nil
	}
	v, err := svc.Publish(ctx, rep.Files, 0, rep.Summary()+" (command line)")
	if err != nil {
		return err
	}
	if err := svc.Audit(ctx, investbot.AuditEvent{At: time.Now(), By: 0, Action: "kb.push", Detail: fmt.Sprintf("%s → version %d", filepath.Base(path), v.N)}); err != nil {
		fmt.Fprintf(e.stderr, "warning: audit log not written: %v\n", err)
	}
	fmt.Fprintf(e.stdout, "published version %d\n", v.N)
	return nil
}

// readUpload reads a file to push, refusing it by its size before reading
// a byte of it (a 50 MB file is refused without using 50 MB), and reading
// at most one byte over the limit even when the size cannot be known
// beforehand (a pipe) or the file grows meanwhile.
func readUpload(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooBig := func(size int64) error {
		return fmt.Errorf("%s: refused: the file is %.1f MB; the limit is %d MB, as for a Telegram upload (a knowledge-base file is well under 1 MB)",
			path, float64(size)/(1<<20), investbot.MaxUploadBytes>>20)
	}
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > investbot.MaxUploadBytes {
		return nil, tooBig(st.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, investbot.MaxUploadBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > investbot.MaxUploadBytes {
		return nil, tooBig(int64(len(data)))
	}
	return data, nil
}

// kbPull writes the live knowledge base as a zip: the newest published
// version, or the bundled one when nothing was published.
func kbPull(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("kb pull", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "write the zip to this file (default: the name it is exported under, in the current folder)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	svc, closeFn, err := openKBAdmin(ctx, e)
	if err != nil {
		return err
	}
	defer closeFn()
	name, zipped, err := svc.Export(ctx)
	if err != nil {
		return err
	}
	if *out == "" {
		*out = name
	}
	if err := os.WriteFile(*out, zipped, 0o644); err != nil {
		return err
	}
	if name == kbadmin.BundledExportName {
		// Say so: an admin who expected their published edits would
		// otherwise take the bundled base for them.
		fmt.Fprintf(e.stdout, "no knowledge-base version has been published to this Redis yet: exporting the base bundled in the program\n")
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes)\n", *out, len(zipped))
	return nil
}
