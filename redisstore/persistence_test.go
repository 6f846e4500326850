package redisstore

import (
	"context"
	"strings"
	"testing"
)

func TestParsePersistence(t *testing.T) {
	tests := []struct {
		name      string
		info      string
		save      string
		saveKnown bool
		want      Durability
		durable   bool
		warn      string
	}{
		{"aof on", "# Persistence\r\naof_enabled:1\r\naof_last_write_status:ok\r\n", "", true, DurabilityAOF, true, ""},
		{"aof failing", "aof_enabled:1\r\naof_last_write_status:err\r\n", "", true, DurabilityAOF, false, "AOF writes are failing"},
		{"snapshots", "aof_enabled:0\r\nrdb_last_bgsave_status:ok\r\n", "3600 1 300 100", true, DurabilitySnapshots, false, "since the last snapshot"},
		{"snapshots failing", "aof_enabled:0\r\nrdb_last_bgsave_status:err\r\n", "60 1", true, DurabilitySnapshots, false, "snapshots are failing"},
		{"none", "aof_enabled:0\r\nrdb_last_bgsave_status:ok\r\n", "", true, DurabilityNone, false, "no persistence"},
		{"config refused", "aof_enabled:0\r\n", "", false, DurabilityUnknown, false, "cannot be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := parsePersistence(tt.info)
			p.Save, p.SaveKnown = tt.save, tt.saveKnown
			p.classify()
			if p.Level != tt.want || p.Durable() != tt.durable {
				t.Errorf("level %v durable %v, want %v %v", p.Level, p.Durable(), tt.want, tt.durable)
			}
			if w := p.Warning(); (tt.warn == "") != (w == "") || !strings.Contains(w, tt.warn) {
				t.Errorf("Warning() = %q, want it to contain %q", w, tt.warn)
			}
		})
	}
}

// Real servers of the test's own, started with each configuration.
func TestPersistenceOfRealServers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want Durability
	}{
		{"no persistence", []string{"--save", "", "--appendonly", "no"}, DurabilityNone},
		{"snapshots only", []string{"--save", "60 1", "--appendonly", "no"}, DurabilitySnapshots},
		{"aof", []string{"--save", "", "--appendonly", "yes", "--appendfsync", "everysec"}, DurabilityAOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := MustStartServer(t, append(tt.args, "--dir", t.TempDir())...)
			st, err := Open(context.Background(), srv.url(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			p, err := st.Persistence(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if p.Level != tt.want {
				t.Errorf("Persistence() = %+v, want level %v", p, tt.want)
			}
			if (tt.want == DurabilityAOF) != (p.Warning() == "") {
				t.Errorf("Warning() = %q", p.Warning())
			}
		})
	}
}
