package redisstore

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/thanhhoa/investbot"
)

// Durability is how much of what the bot writes survives a Redis restart.
type Durability int

// The durability levels, from worst to best.
const (
	// DurabilityNone: neither AOF nor RDB snapshots. A restart loses every
	// lead and ticket.
	DurabilityNone Durability = iota
	// DurabilityUnknown: AOF is off and the snapshot schedule cannot be
	// read (CONFIG is disabled, as on some managed services).
	DurabilityUnknown
	// DurabilitySnapshots: RDB snapshots only. A restart loses what was
	// written since the last snapshot (minutes of leads and tickets).
	DurabilitySnapshots
	// DurabilityAOF: the append-only file is on; with appendfsync
	// everysec a crash loses at most about a second.
	DurabilityAOF
)

// Persistence describes a Redis server's persistence settings, from INFO
// persistence (and CONFIG GET save for the snapshot schedule).
type Persistence struct {
	Level Durability
	// AOF is aof_enabled; Save is the snapshot schedule ("" when off) and
	// SaveKnown whether it could be read.
	AOF       bool
	Save      string
	SaveKnown bool
	// LastSaveFailed and LastWriteFailed report a failing snapshot or AOF
	// write (a full disk): persistence is configured but not working.
	LastSaveFailed, LastWriteFailed bool
}

// Durable reports whether leads and tickets survive a restart with at most
// a second lost.
func (p Persistence) Durable() bool {
	return p.Level == DurabilityAOF && !p.LastWriteFailed
}

// Warning is what to tell the operator, or "" when persistence is fine.
func (p Persistence) Warning() string {
	const fix = "run Redis with appendonly yes (appendfsync everysec), as docker-compose.yml does"
	switch {
	case p.Level == DurabilityAOF && p.LastWriteFailed:
		return "Redis AOF writes are failing (aof_last_write_status is not ok): leads and tickets may be lost on restart; check the Redis disk"
	case p.Level == DurabilityAOF:
		return ""
	case p.Level == DurabilitySnapshots && p.LastSaveFailed:
		return "Redis has no AOF and its snapshots are failing (rdb_last_bgsave_status is not ok): leads and tickets would not survive a restart; " + fix
	case p.Level == DurabilitySnapshots:
		return "Redis has no AOF, only snapshots (save " + p.Save + "): leads and tickets written since the last snapshot are lost on restart; " + fix
	case p.Level == DurabilityUnknown:
		return "Redis has no AOF and its snapshot schedule cannot be read (CONFIG refused): leads and tickets may not survive a restart; " + fix
	}
	return "Redis has no persistence (no AOF, no snapshots): leads and tickets would not survive a restart; " + fix
}

// String is a one-line summary for /readyz.
func (p Persistence) String() string {
	switch p.Level {
	case DurabilityAOF:
		return "aof"
	case DurabilitySnapshots:
		return "snapshots only (save " + p.Save + ")"
	case DurabilityUnknown:
		return "no aof, snapshot schedule unknown"
	}
	return "none"
}

// parsePersistence reads INFO persistence output.
func parsePersistence(info string) Persistence {
	var p Persistence
	sc := bufio.NewScanner(strings.NewReader(info))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if !ok {
			continue
		}
		switch k {
		case "aof_enabled":
			p.AOF = v == "1"
		case "rdb_last_bgsave_status":
			p.LastSaveFailed = v != "ok"
		case "aof_last_write_status":
			p.LastWriteFailed = v != "ok"
		}
	}
	return p
}

func (p *Persistence) classify() {
	switch {
	case p.AOF:
		p.Level = DurabilityAOF
	case !p.SaveKnown:
		p.Level = DurabilityUnknown
	case strings.TrimSpace(p.Save) != "":
		p.Level = DurabilitySnapshots
	default:
		p.Level = DurabilityNone
	}
}

// Persistence reads the server's persistence settings. On a cluster every
// master is read and the worst is reported.
func (st *Store) Persistence(ctx context.Context) (Persistence, error) {
	one := func(ctx context.Context, c redis.Cmdable) (Persistence, error) {
		info, err := c.Info(ctx, "persistence").Result()
		if err != nil {
			return Persistence{}, unavailable("info persistence", err)
		}
		p := parsePersistence(info)
		if cfg, err := c.ConfigGet(ctx, "save").Result(); err == nil {
			if v, ok := cfg["save"]; ok {
				p.Save, p.SaveKnown = v, true
			}
		}
		p.classify()
		return p, nil
	}
	cc, ok := st.client.(*redis.ClusterClient)
	if !ok {
		return one(ctx, st.client)
	}
	worst := Persistence{Level: DurabilityAOF}
	first := true
	err := cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
		p, err := one(ctx, c)
		if err != nil {
			return err
		}
		if first || p.Level < worst.Level || (p.Level == worst.Level && (p.LastWriteFailed || p.LastSaveFailed)) {
			worst, first = p, false
		}
		return nil
	})
	if err != nil {
		return Persistence{}, fmt.Errorf("redisstore: persistence: %w", err)
	}
	return worst, nil
}

// Durability reads the server's persistence settings for the operator:
// the one-line summary and what to fix (see Persistence).
func (st *Store) Durability(ctx context.Context) (investbot.Durability, error) {
	p, err := st.Persistence(ctx)
	if err != nil {
		return investbot.Durability{}, err
	}
	return investbot.Durability{Summary: p.String(), Warning: p.Warning()}, nil
}
