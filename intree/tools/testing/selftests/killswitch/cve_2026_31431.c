// SPDX-License-Identifier: GPL-2.0
/*
 * CVE-2026-31431 ("Copy Fail", AF_ALG AEAD in algif_aead), mitigated with
 * killswitch: engaging algif_aead's sendmsg and recvmsg must stop every
 * AEAD request through AF_ALG, leave the rest of AF_ALG (a hash) working,
 * be root's alone, and be undone by disengage_all. Also checks the errno of
 * the control file's refusals, which the shell test cannot see.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/if_alg.h>

#include "../kselftest.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef SOL_ALG
#define SOL_ALG 279
#endif

#define KS_CONTROL "/sys/kernel/security/killswitch/control"
#define KS_ENGAGED "/sys/kernel/security/killswitch/engaged"

#define NOBODY 65534
#define KEY_LEN 16
#define IV_LEN 12	/* gcm(aes) */
#define TAG_LEN 16
#define AAD_LEN 8
#define TEXT_LEN 32
#define MSG_LEN (AAD_LEN + TEXT_LEN)

/* One write: all or none, so AEAD is never half stopped. */
static const char mitigation[] =
	"engage algif_aead:aead_sendmsg -EPERM\n"
	"engage algif_aead:aead_recvmsg -EPERM\n";

static const unsigned char key[KEY_LEN + 1] = "0123456789abcdef";
static const unsigned char iv[IV_LEN + 1] = "nonce-12byte";

/* Write one command (or one batch) to the control file: 0 or -errno. */
static int ks_write(const char *cmd)
{
	ssize_t len = strlen(cmd), ret;
	int fd;

	fd = open(KS_CONTROL, O_WRONLY);
	if (fd < 0)
		return -errno;
	ret = write(fd, cmd, len);
	if (ret < 0)
		ret = -errno;
	close(fd);
	if (ret >= 0 && ret != len)
		return -EIO;
	return ret < 0 ? ret : 0;
}

/* Print the engaged file, and whether a line starts with "<target> ". */
static int ks_engaged(const char *target)
{
	char line[1024];
	int found = 0;
	size_t len = strlen(target);
	FILE *f;

	f = fopen(KS_ENGAGED, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		ksft_print_msg("engaged: %s", line);
		if (!strncmp(line, target, len) && line[len] == ' ')
			found = 1;
	}
	fclose(f);
	return found;
}

/* A keyed operation socket of AF_ALG <type>/<name>: its fd or -errno. */
static int alg_open(const char *type, const char *name,
		    const void *k, int klen, int authsize)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int tfm, op = -1, err = 0;

	snprintf((char *)sa.salg_type, sizeof(sa.salg_type), "%s", type);
	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", name);
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0)
		return -errno;
	if (bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) ||
	    (k && setsockopt(tfm, SOL_ALG, ALG_SET_KEY, k, klen)) ||
	    /* The tag length travels in optlen, with no buffer. */
	    (authsize && setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE,
				    NULL, authsize))) {
		err = -errno;
	} else {
		op = accept(tfm, NULL, 0);
		if (op < 0)
			err = -errno;
	}
	/* The operation socket holds its own reference to the transform. */
	close(tfm);
	return err ? err : op;
}

static int aead_open(void)
{
	return alg_open("aead", "gcm(aes)", key, KEY_LEN, TAG_LEN);
}

/* Fill in one SOL_ALG cmsg at p; return where the next one goes. */
static char *put_cmsg(char *p, int type, const void *data, size_t len)
{
	struct cmsghdr *c = (struct cmsghdr *)p;

	c->cmsg_level = SOL_ALG;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	return p + CMSG_SPACE(len);
}

/* Queue one AEAD request: direction, IV and AAD length ride as cmsgs. */
static int aead_send(int fd, __u32 op, const void *data, size_t len)
{
	union {
		char buf[2 * CMSG_SPACE(sizeof(__u32)) +
			 CMSG_SPACE(sizeof(struct af_alg_iv) + IV_LEN)];
		struct cmsghdr align;
	} u;
	unsigned char ivbuf[sizeof(struct af_alg_iv) + IV_LEN];
	struct af_alg_iv *alg_iv = (struct af_alg_iv *)ivbuf;
	struct iovec iov = { .iov_base = (void *)data, .iov_len = len };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	__u32 assoclen = AAD_LEN;
	char *p = u.buf;

	memset(&u, 0, sizeof(u));
	alg_iv->ivlen = IV_LEN;
	memcpy(alg_iv->iv, iv, IV_LEN);
	p = put_cmsg(p, ALG_SET_OP, &op, sizeof(op));
	p = put_cmsg(p, ALG_SET_IV, ivbuf, sizeof(ivbuf));
	put_cmsg(p, ALG_SET_AEAD_ASSOCLEN, &assoclen, sizeof(assoclen));
	return sendmsg(fd, &msg, 0) == (ssize_t)len ? 0 : -errno;
}

/* Read exactly len bytes of result: 0 or -errno (-EIO when short). */
static int alg_read(int fd, void *buf, size_t len, int flags)
{
	ssize_t ret = recv(fd, buf, len, flags);

	if (ret < 0)
		return -errno;
	return ret == (ssize_t)len ? 0 : -EIO;
}

/* Encrypt then decrypt: 0 when the text comes back, else -errno. */
static int aead_round_trip(void)
{
	unsigned char in[MSG_LEN], sealed[MSG_LEN + TAG_LEN], out[MSG_LEN];
	int fd, err;

	memset(in, 'A', AAD_LEN);
	memset(in + AAD_LEN, 'p', TEXT_LEN);
	fd = aead_open();
	if (fd < 0)
		return fd;
	err = aead_send(fd, ALG_OP_ENCRYPT, in, sizeof(in));
	if (!err)
		err = alg_read(fd, sealed, sizeof(sealed), 0);
	if (!err)
		err = aead_send(fd, ALG_OP_DECRYPT, sealed, sizeof(sealed));
	if (!err)
		err = alg_read(fd, out, sizeof(out), 0);
	close(fd);
	if (err)
		ksft_print_msg("AEAD round trip: %s\n", strerror(-err));
	else if (!memcmp(sealed + AAD_LEN, in + AAD_LEN, TEXT_LEN) ||
		 memcmp(out, in, sizeof(in)))
		err = -EIO;	/* "encrypted" to itself, or came back wrong */
	return err;
}

/* sha256("abc") through AF_ALG: 0 when right, else -errno. */
static int hash_abc(void)
{
	static const unsigned char want[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
		0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	unsigned char got[32];
	int fd, err = 0;

	fd = alg_open("hash", "sha256", NULL, 0, 0);
	if (fd < 0)
		return fd;
	if (send(fd, "abc", 3, 0) != 3)
		err = -errno;
	else
		err = alg_read(fd, got, sizeof(got), 0);
	close(fd);
	if (!err && memcmp(got, want, sizeof(want)))
		err = -EIO;
	return err;
}

/*
 * The errno of a write to control by a child that dropped to nobody, on a
 * file root opened: so what refuses is the writer's missing CAP_SYS_ADMIN,
 * not the file's mode. 0 if the write went through, -1 if dropping failed.
 */
static int unprivileged_write(void)
{
	static const char cmd[] = "disengage_all\n";
	int fd, status;
	pid_t pid;

	fd = open(KS_CONTROL, O_WRONLY);
	if (fd < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
		    setresuid(NOBODY, NOBODY, NOBODY))
			_exit(255);
		_exit(write(fd, cmd, sizeof(cmd) - 1) < 0 ? errno : 0);
	}
	close(fd);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) == 255)
		return -1;
	return WEXITSTATUS(status);
}

static void ks_disengage_all(void)
{
	ks_write("disengage_all\n");
}

static void check_errno(const char *cmd, int want, const char *name)
{
	int err = ks_write(cmd);

	ksft_test_result(err == -want, "%s: %s\n", name, strerror(-err));
}

int main(void)
{
	unsigned char in[MSG_LEN] = { 0 }, buf[MSG_LEN + TAG_LEN];
	int fd, err;

	ksft_print_header();
	if (geteuid())
		ksft_exit_skip("must be run as root\n");
	if (access(KS_CONTROL, W_OK))
		ksft_exit_skip("no %s (CONFIG_KILLSWITCH)\n", KS_CONTROL);
	fd = aead_open();
	if (fd == -EAFNOSUPPORT || fd == -ENOENT)
		ksft_exit_skip("no AF_ALG aead gcm(aes): %s\n", strerror(-fd));
	if (fd >= 0)
		close(fd);
	ksft_set_plan(13);

	/* A run killed earlier may have left the mitigation engaged. */
	ks_disengage_all();
	atexit(ks_disengage_all);

	err = aead_round_trip();
	ksft_test_result(!err, "AEAD round trip works before the mitigation\n");

	err = ks_write(mitigation);
	ksft_test_result(!err && ks_engaged("algif_aead:aead_sendmsg") &&
			 ks_engaged("algif_aead:aead_recvmsg"),
			 "mitigation engaged in one write: %s\n",
			 strerror(-err));

	/* Bind, key and accept do not go through what is engaged. */
	fd = aead_open();
	err = fd < 0 ? fd : aead_send(fd, ALG_OP_ENCRYPT, in, sizeof(in));
	ksft_test_result(err == -EPERM, "sendmsg refused with EPERM: %s\n",
			 strerror(-err));
	/* Nonblocking: if recvmsg were not engaged it would wait for data. */
	err = fd < 0 ? fd : alg_read(fd, buf, sizeof(buf), MSG_DONTWAIT);
	ksft_test_result(err == -EPERM, "recvmsg refused with EPERM: %s\n",
			 strerror(-err));
	if (fd >= 0)
		close(fd);

	err = hash_abc();
	if (err == -ENOENT)
		ksft_test_result_skip("no AF_ALG hash sha256\n");
	else
		ksft_test_result(!err, "AF_ALG sha256 still works: %s\n",
				 strerror(-err));

	check_errno(mitigation, EBUSY, "engaging it again is refused with EBUSY");

	err = unprivileged_write();
	ksft_test_result(err == EPERM && ks_engaged("algif_aead:aead_sendmsg"),
			 "a write as uid %d is refused with EPERM: %s\n", NOBODY,
			 err < 0 ? "could not drop privileges" : strerror(err));

	err = ks_write("disengage_all\n");
	ksft_test_result(!err && !ks_engaged("algif_aead:aead_sendmsg"),
			 "disengage_all: %s\n", strerror(-err));
	err = aead_round_trip();
	ksft_test_result(!err, "AEAD round trip works after disengage_all\n");

	check_errno("disengage algif_aead:aead_sendmsg\n", ENOENT,
		    "disengage of a target not engaged is ENOENT");
	check_errno("engage algif_aead:aead_sendmsg\n", EINVAL,
		    "a malformed line is EINVAL");
	check_errno("engage killswitch_selftest_no_such_function -EPERM\n",
		    ENOENT, "an unknown symbol is ENOENT");
	/* 0 is success for an int function: it would permit more, not less. */
	if (access("/sys/module/test_killswitch", F_OK))
		ksft_test_result_skip("test_killswitch is not loaded\n");
	else
		check_errno("engage test_killswitch_int 0\n", EACCES,
			    "a success value on an int function is EACCES");

	ksft_finished();
	return 0;
}
