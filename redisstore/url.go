package redisstore

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// ParseURL turns a REDIS_URL into options for redis.NewUniversalClient,
// which picks a standalone, Sentinel or Cluster client from them. Accepted
// forms:
//
//	redis://[[user]:password@]host[:port][/db][?param=value&...]
//	rediss://...                      the same over TLS
//	unix://[[user]:password@]/path/to/redis.sock[?db=N]
//	    a single server; every parameter of redis.ParseURL is accepted
//	    (dial_timeout, read_timeout, pool_size, max_retries, ...).
//
//	redis+sentinel://[[user]:password@]s1:26379[,s2:26379...]/master[/db][?params]
//	rediss+sentinel://...
//	    Sentinel: the hosts are sentinels, the first path element is the
//	    master's name (or pass ?master_name=); user and password are the
//	    master's, sentinel_username / sentinel_password the sentinels'.
//
//	redis+cluster://[[user]:password@]h1:7000[,h2:7001...][?params]
//	rediss+cluster://...
//	redis://h1:7000,h2:7001[?params]  (two or more hosts, no master_name)
//	    Cluster: the hosts are seed nodes; only DB 0 exists.
//	redis://s1:26379,s2:26379?master_name=mymaster is Sentinel.
//
// Parameters of the multi-host forms: db, master_name, sentinel_username,
// sentinel_password, client_name, protocol, pool_size, max_retries,
// dial_timeout, read_timeout, write_timeout (a Go duration such as "500ms",
// or plain seconds). A missing port is 6379 (26379 for sentinels). Unknown
// parameters are an error, so typos do not pass silently.
func ParseURL(raw string) (*redis.UniversalOptions, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return nil, errors.New("redisstore: REDIS_URL has no scheme (want redis://, rediss://, redis+sentinel:// or redis+cluster://)")
	}
	base, kind, _ := strings.Cut(scheme, "+")
	hostPart := rest
	if at := strings.LastIndex(hostPart, "@"); at >= 0 {
		hostPart = hostPart[at+1:]
	}
	if i := strings.IndexAny(hostPart, "/?"); i >= 0 {
		hostPart = hostPart[:i]
	}
	if kind == "" && !strings.Contains(hostPart, ",") {
		o, err := redis.ParseURL(raw)
		if err != nil {
			return nil, fmt.Errorf("redisstore: parse REDIS_URL: %w", err)
		}
		return fromSimple(o), nil
	}
	if base != "redis" && base != "rediss" {
		return nil, fmt.Errorf("redisstore: parse REDIS_URL: unknown scheme %q", scheme)
	}
	switch kind {
	case "", "sentinel", "cluster":
	default:
		return nil, fmt.Errorf("redisstore: parse REDIS_URL: unknown scheme %q", scheme)
	}
	return parseMulti(base, kind, rest)
}

// fromSimple copies a single-server configuration into universal options.
func fromSimple(o *redis.Options) *redis.UniversalOptions {
	u := &redis.UniversalOptions{
		Addrs:           []string{o.Addr},
		ClientName:      o.ClientName,
		DB:              o.DB,
		Protocol:        o.Protocol,
		Username:        o.Username,
		Password:        o.Password,
		MaxRetries:      o.MaxRetries,
		MinRetryBackoff: o.MinRetryBackoff,
		MaxRetryBackoff: o.MaxRetryBackoff,
		DialTimeout:     o.DialTimeout,
		ReadTimeout:     o.ReadTimeout,
		WriteTimeout:    o.WriteTimeout,
		PoolFIFO:        o.PoolFIFO,
		PoolSize:        o.PoolSize,
		PoolTimeout:     o.PoolTimeout,
		MinIdleConns:    o.MinIdleConns,
		MaxIdleConns:    o.MaxIdleConns,
		MaxActiveConns:  o.MaxActiveConns,
		ConnMaxIdleTime: o.ConnMaxIdleTime,
		ConnMaxLifetime: o.ConnMaxLifetime,
		TLSConfig:       o.TLSConfig,
	}
	if o.Network == "unix" {
		path := o.Addr
		u.Dialer = func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		}
	}
	return u
}

// parseMulti reads the Sentinel and Cluster forms of ParseURL; rest is
// the URL after "://".
func parseMulti(base, kind, rest string) (*redis.UniversalOptions, error) {
	o := &redis.UniversalOptions{}
	rest, query, _ := strings.Cut(rest, "?")
	rest, err := parseUserinfo(o, rest)
	if err != nil {
		return nil, err
	}
	hosts, path, _ := strings.Cut(rest, "/")
	if o.Addrs, err = parseHosts(hosts, kind); err != nil {
		return nil, err
	}
	if err := parsePath(o, kind, path); err != nil {
		return nil, err
	}
	if err := parseParams(o, query); err != nil {
		return nil, err
	}
	if err := checkMode(o, kind); err != nil {
		return nil, err
	}
	if base == "rediss" {
		host, _, _ := net.SplitHostPort(o.Addrs[0])
		o.TLSConfig = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	}
	return o, nil
}

func parseError(format string, a ...any) error {
	return fmt.Errorf("redisstore: parse REDIS_URL: "+format, a...)
}

// parseUserinfo sets the user and password of "[user[:password]@]hosts..."
// and returns what follows the "@".
func parseUserinfo(o *redis.UniversalOptions, rest string) (string, error) {
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return rest, nil
	}
	user, pass, hasPass := strings.Cut(rest[:at], ":")
	var err error
	if o.Username, err = url.PathUnescape(user); err != nil {
		return "", parseError("user: %v", err)
	}
	if hasPass {
		if o.Password, err = url.PathUnescape(pass); err != nil {
			return "", parseError("password: %v", err)
		}
	}
	return rest[at+1:], nil
}

// parseHosts splits "h1[:port],h2[:port]", giving a host without a port
// the default one (26379 for sentinels).
func parseHosts(hosts, kind string) ([]string, error) {
	defPort := "6379"
	if kind == "sentinel" {
		defPort = "26379"
	}
	var addrs []string
	for _, h := range strings.Split(hosts, ",") {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, parseError("empty host in %q", hosts)
		}
		if _, _, err := net.SplitHostPort(h); err != nil {
			h = net.JoinHostPort(strings.Trim(h, "[]"), defPort)
		}
		addrs = append(addrs, h)
	}
	return addrs, nil
}

// parsePath reads "[master/][db]" (the master's name for Sentinel only).
func parsePath(o *redis.UniversalOptions, kind, path string) error {
	segs := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	if kind == "sentinel" && len(segs) > 0 {
		o.MasterName, segs = segs[0], segs[1:]
	}
	switch len(segs) {
	case 0:
	case 1:
		db, err := strconv.Atoi(segs[0])
		if err != nil {
			return parseError("invalid database number %q", segs[0])
		}
		o.DB = db
	default:
		return parseError("invalid path %q", path)
	}
	return nil
}

// parseParams applies the query parameters; an unknown one is an error.
func parseParams(o *redis.UniversalOptions, query string) error {
	q, err := url.ParseQuery(query)
	if err != nil {
		return parseError("%v", err)
	}
	for name, vals := range q {
		v := vals[len(vals)-1]
		var err error
		switch name {
		case "db":
			o.DB, err = strconv.Atoi(v)
		case "master_name":
			o.MasterName = v
		case "sentinel_username":
			o.SentinelUsername = v
		case "sentinel_password":
			o.SentinelPassword = v
		case "client_name":
			o.ClientName = v
		case "protocol":
			o.Protocol, err = strconv.Atoi(v)
		case "pool_size":
			o.PoolSize, err = strconv.Atoi(v)
		case "max_retries":
			o.MaxRetries, err = strconv.Atoi(v)
		case "dial_timeout":
			o.DialTimeout, err = parseDuration(v)
		case "read_timeout":
			o.ReadTimeout, err = parseDuration(v)
		case "write_timeout":
			o.WriteTimeout, err = parseDuration(v)
		default:
			return parseError("unknown parameter %q", name)
		}
		if err != nil {
			return parseError("parameter %s=%q: %v", name, v, err)
		}
	}
	return nil
}

// checkMode decides Sentinel or Cluster: several hosts without a master
// name are a cluster, which has only database 0.
func checkMode(o *redis.UniversalOptions, kind string) error {
	switch {
	case kind == "sentinel" && o.MasterName == "":
		return parseError("sentinel URL needs the master name as its path or ?master_name=")
	case kind == "cluster" && o.MasterName != "":
		return parseError("cluster URL cannot name a sentinel master")
	case kind == "cluster" || (kind == "" && o.MasterName == ""):
		o.IsClusterMode = true
		if o.DB != 0 {
			return parseError("Redis Cluster has only database 0, not %d", o.DB)
		}
	}
	return nil
}

// parseDuration reads a Go duration or, like go-redis, plain seconds.
func parseDuration(v string) (time.Duration, error) {
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	return time.ParseDuration(v)
}
