#!/usr/bin/python3
"""Uses the kernel's crypto through AF_ALG sockets, as a program of the host
would: "aead" encrypts with gcm(aes) (algif_aead, what CVE-2026-31431's
profile refuses), "skcipher" encrypts with cbc(aes) (algif_skcipher),
"hash" takes a sha256 (algif_hash, which keeps working).
Prints "ok" or the errno's name, and exits 0 only on "ok"."""
import errno
import socket
import sys


def aead():
    with socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET, 0) as alg:
        alg.bind(("aead", "gcm(aes)"))
        alg.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, bytes(16))
        alg.setsockopt(socket.SOL_ALG, socket.ALG_SET_AEAD_AUTHSIZE, None, 16)
        op, _ = alg.accept()
        with op:
            op.sendmsg_afalg([b"plain text......"], op=socket.ALG_OP_ENCRYPT, iv=bytes(12), assoclen=0)
            if len(op.recv(32)) != 32:
                raise OSError(errno.EIO, "short AEAD output")


def skcipher():
    with socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET, 0) as alg:
        alg.bind(("skcipher", "cbc(aes)"))
        alg.setsockopt(socket.SOL_ALG, socket.ALG_SET_KEY, bytes(16))
        op, _ = alg.accept()
        with op:
            op.sendmsg_afalg([bytes(16)], op=socket.ALG_OP_ENCRYPT, iv=bytes(16))
            if len(op.recv(16)) != 16:
                raise OSError(errno.EIO, "short skcipher output")


def hash_():
    with socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET, 0) as alg:
        alg.bind(("hash", "sha256"))
        op, _ = alg.accept()
        with op:
            op.sendall(b"abc")
            if op.recv(32).hex()[:8] != "ba7816bf":
                raise OSError(errno.EIO, "wrong sha256")


try:
    {"aead": aead, "skcipher": skcipher, "hash": hash_}[sys.argv[1]]()
    print("ok")
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e)))
    sys.exit(1)
