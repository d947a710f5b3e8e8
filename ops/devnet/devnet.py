#!/usr/bin/env python3
"""A local EVM JSON-RPC node for Bollard's tests: py-evm (Prague) behind eth-tester, served over
HTTP on 127.0.0.1 with the standard library only.

Funded accounts: private keys 0x..01 to 0x..0a. One block is mined per transaction unless
--manual-mine. The provider's answers are brought to the execution-apis shapes a real node
gives (hex quantities, receipts, logs, eth_feeHistory); py-evm's error texts are mapped to
geth's wording with the original kept in brackets.

  devnet.py [--port 0] [--ready-file FILE] [--manual-mine]
            [--mempool] [--state FILE] [--max-log-range N] [--max-log-results N]

--mempool keeps a transaction pool in front of the chain, as a real node does, so that fee
replacement and reorganisations can be tested (see Mempool). --state FILE (with --mempool) saves
the chain after every block and replays it at start, so a restarted devnet keeps its blocks and
their hashes; the pool is not saved, as a node restarted without its transaction journal.
--max-log-range / --max-log-results make eth_getLogs refuse big queries, as hosted nodes do.

For failure tests, `devnet_failNext [n]` makes the next n HTTP requests fail with 503, and
`devnet_lieNext` makes the next eth_signTransaction sign with another funded key.

With --port 0 a free port is chosen; the ready file receives the URL once the socket listens.
"""
import argparse
import json
import os
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import rlp
from eth_account import Account
from eth_utils import keccak
from eth_tester import EthereumTester, PyEVMBackend
from web3 import EthereumTesterProvider, Web3

LOCK = threading.Lock()
DEV_KEYS = {Account.from_key(n.to_bytes(32, "big")).address.lower(): n.to_bytes(32, "big") for n in range(1, 11)}
# Test hook: the next N HTTP requests are answered 503, as a node that is down or overloaded.
FAIL_NEXT = [0]
# Test hook: the next eth_signTransaction signs with another funded key, as a faulty signer would.
LIE_NEXT = [False]


def hexify(value):
    """Python ints become QUANTITY strings, bytes DATA strings (JSON-RPC encodings)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return hex(value)
    if isinstance(value, (bytes, bytearray)):
        return "0x" + bytes(value).hex()
    if isinstance(value, dict):
        return {k: hexify(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [hexify(v) for v in value]
    return value


class RPCError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


GETH_WORDING = [
    (re.compile(r"Invalid transaction nonce: Expected (\d+), but got (\d+)"),
     lambda m: "nonce too low" if int(m.group(2)) < int(m.group(1)) else "nonce too high"),
    (re.compile(r"[Ii]nsufficient funds|Sender does not have enough balance"),
     lambda m: "insufficient funds for gas * price + value"),
    (re.compile(r"max fee per gas .*less than.*base fee|max_fee_per_gas.*base.?fee", re.I),
     lambda m: "max fee per gas less than block base fee"),
]


def geth_message(text):
    for pattern, wording in GETH_WORDING:
        match = pattern.search(text)
        if match:
            return "%s [%s]" % (wording(match), text)
    return text


class Devnet:
    def __init__(self, manual_mine, genesis_timestamp=None, log_limits=(0, 0)):
        params = None
        if genesis_timestamp is not None:
            params = PyEVMBackend.generate_genesis_params(overrides={"timestamp": genesis_timestamp})
        self.tester = EthereumTester(PyEVMBackend(genesis_parameters=params))
        if manual_mine:
            self.tester.disable_auto_mine_transactions()
        self.w3 = Web3(EthereumTesterProvider(self.tester), middleware=[])
        self.request = self.w3.provider.request_func(self.w3, self.w3.middleware_onion)
        self.chain_id = self.w3.eth.chain_id
        self.mempool = None
        self.max_log_range, self.max_log_results = log_limits

    def raw(self, method, params):
        response = self.request(method, params)
        if "error" in response and response["error"]:
            error = response["error"]
            message = error.get("message", str(error)) if isinstance(error, dict) else str(error)
            raise RPCError(error.get("code", -32000) if isinstance(error, dict) else -32000, geth_message(message))
        return response.get("result")

    def call(self, method, params):
        handler = getattr(self, "rpc_" + method, None)
        if handler is not None:
            return handler(params)
        try:
            return hexify(self.raw(method, params))
        except RPCError:
            raise
        except NotImplementedError:
            raise RPCError(-32601, "the method %s does not exist/is not available" % method)
        except Exception as error:  # py-evm raises its own validation errors
            text = str(error)
            if "execution reverted" in text or type(error).__name__ == "TransactionFailed":
                if not text.startswith("execution reverted"):
                    text = "execution reverted: " + text
                raise RPCError(3, text)
            if "not implemented" in text.lower() or "does not exist" in text.lower():
                raise RPCError(-32601, text)
            raise RPCError(-32000, geth_message(text))

    # Methods below fix what the provider answers in a shape no real node gives.

    def rpc_eth_sendRawTransaction(self, params):
        raw = bytes.fromhex(params[0][2:])
        if self.mempool is not None:
            return self.mempool.add(raw)
        if raw[:1] in (b"\x01", b"\x02", b"\x03", b"\x04"):
            try:
                fields = rlp.decode(raw[1:])
            except Exception as error:
                raise RPCError(-32000, "rlp: %s" % error)
            if int.from_bytes(fields[0], "big") != self.chain_id:
                raise RPCError(-32000, "invalid chain id for signer")
        return self.call_raw("eth_sendRawTransaction", params)

    def call_raw(self, method, params):
        try:
            return hexify(self.raw(method, params))
        except RPCError:
            raise
        except Exception as error:
            raise RPCError(-32000, geth_message(str(error)))

    def rpc_eth_getTransactionReceipt(self, params):
        receipt = self.call_raw("eth_getTransactionReceipt", params)
        if receipt:
            if receipt.get("to") == "":
                receipt["to"] = None
            receipt.pop("state_root", None)
            receipt.pop("stateRoot", None)
            receipt["logs"] = [self.fix_log(log) for log in receipt.get("logs", [])]
            receipt.setdefault("logsBloom", "0x" + "00" * 256)
        return receipt

    def fix_log(self, log):
        log.pop("type", None)
        log["removed"] = False
        return log

    def fix_block(self, block):
        if block and block.get("logsBloom") == "0x0":
            block["logsBloom"] = "0x" + "00" * 256
        return block

    def rpc_eth_getBlockByNumber(self, params):
        return self.fix_block(self.call_raw("eth_getBlockByNumber", params))

    def rpc_eth_getBlockByHash(self, params):
        return self.fix_block(self.call_raw("eth_getBlockByHash", params))

    def rpc_eth_getLogs(self, params):
        query = dict(params[0])
        block_hash = query.pop("blockHash", None)
        if block_hash is not None:
            block = self.call_raw("eth_getBlockByHash", [block_hash, False])
            if block is None:
                raise RPCError(-32000, "unknown block")
            query["fromBlock"] = query["toBlock"] = block["number"]
        if self.max_log_range:
            first, last = self.block_number(query.get("fromBlock", "latest")), self.block_number(query.get("toBlock", "latest"))
            if last - first + 1 > self.max_log_range:
                # The wording of hosted nodes that cap eth_getLogs by block range.
                raise RPCError(-32005, "block range too large: %d blocks, the limit is %d" % (last - first + 1, self.max_log_range))
        logs = [self.fix_log(log) for log in self.call_raw("eth_getLogs", [query])]
        if self.max_log_results and len(logs) > self.max_log_results:
            # Infura's and geth-based providers' wording (code -32005, "limit exceeded").
            raise RPCError(-32005, "query returned more than %d results" % self.max_log_results)
        return logs

    def block_number(self, tag):
        if isinstance(tag, str) and tag.startswith("0x"):
            return int(tag, 16)
        if tag == "earliest":
            return 0
        return int(self.call_raw("eth_getBlockByNumber", [tag if tag in ("latest", "pending", "safe", "finalized") else "latest", False])["number"], 16)

    def rpc_bollard_setLogLimits(self, params):
        """[maxRange, maxResults]: eth_getLogs refuses queries over either (0 = no limit)."""
        self.max_log_range = int(params[0])
        self.max_log_results = int(params[1]) if len(params) > 1 else self.max_log_results
        return True

    # The pool (--mempool). Without it these methods do not exist, as on any node.

    def pool(self):
        if self.mempool is None:
            raise RPCError(-32601, "the devnet runs without --mempool")
        return self.mempool

    def rpc_bollard_setAutomine(self, params):
        self.pool().automine = bool(params[0])
        if self.mempool.automine:
            self.mempool.drain()
        return True

    def rpc_bollard_mine(self, params):
        count = int(params[0], 16) if params and isinstance(params[0], str) else int(params[0]) if params else 1
        for _ in range(count):
            self.pool().mine_block()
        return hex(self.tester.get_block_by_number("latest")["number"])

    def rpc_bollard_setMinTip(self, params):
        self.pool().min_tip = int(params[0], 16) if isinstance(params[0], str) else int(params[0])
        return True

    def rpc_bollard_setPriceBump(self, params):
        """Percent both fees must rise to replace a pending transaction (geth's --txpool.pricebump, 10)."""
        self.pool().price_bump = int(params[0])
        return True

    def rpc_bollard_reorg(self, params):
        depth = int(params[0])
        mode = params[1] if len(params) > 1 else "pending"
        return hex(self.pool().reorg(depth, mode == "pending"))

    def rpc_bollard_pool(self, params):
        """The pending transactions' hashes, by sender and nonce (what txpool_content lists)."""
        return [{"hash": "0x" + t.hash.hex(), "from": t.sender, "nonce": hex(t.nonce),
                 "maxFeePerGas": hex(t.max_fee), "maxPriorityFeePerGas": hex(t.tip)} for t in self.pool().txs.values()]

    def rpc_eth_feeHistory(self, params):
        """execution-apis eth_feeHistory: oldest first, with the next block's base fee appended."""
        count = int(params[0], 16) if isinstance(params[0], str) else int(params[0])
        newest = self.call_raw("eth_getBlockByNumber", [params[1], False])
        percentiles = params[2] if len(params) > 2 else []
        last = int(newest["number"], 16)
        oldest = max(0, last - count + 1)
        base_fees, ratios, rewards = [], [], []
        for number in range(oldest, last + 1):
            block = self.call_raw("eth_getBlockByNumber", [hex(number), True])
            base_fees.append(block["baseFeePerGas"])
            used, limit = int(block["gasUsed"], 16), int(block["gasLimit"], 16)
            ratios.append(used / limit if limit else 0.0)
            if percentiles:
                base = int(block["baseFeePerGas"], 16)
                tips = sorted(min(int(tx.get("maxPriorityFeePerGas", tx["gasPrice"]), 16),
                                  int(tx.get("maxFeePerGas", tx["gasPrice"]), 16) - base)
                              for tx in block["transactions"])
                rewards.append([hex(tips[min(len(tips) - 1, int(len(tips) * p / 100))] if tips else 0) for p in percentiles])
        pending = self.call_raw("eth_getBlockByNumber", ["pending", False])
        base_fees.append(pending["baseFeePerGas"])
        result = {"oldestBlock": hex(oldest), "baseFeePerGas": base_fees, "gasUsedRatio": ratios}
        if percentiles:
            result["reward"] = rewards
        return result

    def rpc_eth_signTransaction(self, params):
        """An external signer (as Clef or geth answer it) for the funded keys 0x..01 to 0x..0a."""
        request = dict(params[0])
        key = DEV_KEYS.get(request.get("from", "").lower())
        if key is None:
            raise RPCError(-32000, "unknown account %s" % request.get("from"))
        tx = {"type": 2, "chainId": int(request["chainId"], 16), "nonce": int(request["nonce"], 16),
              "maxPriorityFeePerGas": int(request["maxPriorityFeePerGas"], 16),
              "maxFeePerGas": int(request["maxFeePerGas"], 16), "gas": int(request["gas"], 16),
              "value": int(request.get("value", "0x0"), 16), "data": request.get("input") or request.get("data", "0x")}
        if request.get("to"):
            tx["to"] = request["to"]
        if LIE_NEXT[0]:
            LIE_NEXT[0] = False
            key = next(k for k in DEV_KEYS.values() if k != key)
        signed = Account.sign_transaction(tx, key)
        return {"raw": "0x" + bytes(signed.raw_transaction).hex(), "tx": hexify(tx)}

    def rpc_devnet_lieNext(self, params):
        LIE_NEXT[0] = True
        return True

    def rpc_evm_mine(self, params):
        count = int(params[0], 16) if params else 1
        if self.mempool is not None:
            for _ in range(count):
                self.mempool.mine_block()
        else:
            self.tester.mine_blocks(count)
        return "0x0"

    def rpc_evm_snapshot(self, params):
        return hex(self.tester.take_snapshot())

    def rpc_evm_revert(self, params):
        self.tester.revert_to_snapshot(int(params[0], 16))
        if self.mempool is not None:
            self.mempool.forget_above(self.head())
        return True

    def head(self):
        return self.tester.get_block_by_number("latest")["number"]

    def rpc_eth_getTransactionByHash(self, params):
        if self.mempool is not None:
            pending = self.mempool.by_hash(bytes.fromhex(params[0][2:]))
            if pending is not None:
                return pending.json(self.chain_id)
        return self.call_raw("eth_getTransactionByHash", params)

    def rpc_eth_getTransactionCount(self, params):
        if self.mempool is not None and len(params) > 1 and params[1] == "pending":
            return hex(self.mempool.pending_nonce(params[0]))
        return self.call_raw("eth_getTransactionCount", params)


class PendingTx:
    def __init__(self, raw, fields, sender, order):
        self.raw = raw
        self.hash = keccak(raw)
        self.sender = sender
        self.nonce = int.from_bytes(fields[1], "big")
        self.tip = int.from_bytes(fields[2], "big")
        self.max_fee = int.from_bytes(fields[3], "big")
        self.gas = int.from_bytes(fields[4], "big")
        self.to = fields[5]
        self.value = int.from_bytes(fields[6], "big")
        self.data = fields[7]
        self.order = order

    def json(self, chain_id):
        return {"hash": "0x" + self.hash.hex(), "from": self.sender, "nonce": hex(self.nonce),
                "to": ("0x" + self.to.hex()) if self.to else None, "value": hex(self.value), "gas": hex(self.gas),
                "maxFeePerGas": hex(self.max_fee), "maxPriorityFeePerGas": hex(self.tip), "input": "0x" + self.data.hex(),
                "type": "0x2", "chainId": hex(chain_id), "blockHash": None, "blockNumber": None, "transactionIndex": None}


class Mempool:
    """A transaction pool with geth's admission rules in front of eth-tester (which itself takes
    one pending transaction per sender and never replaces). Type-2 transactions only.

    A transaction is included when its nonce is the sender's next, its tip is at least min_tip
    and its max fee covers the block's base fee; one per sender per block. The same sender and
    nonce replace a pending transaction only with both fees price_bump % higher (geth
    core/txpool/legacypool: ErrReplaceUnderpriced). Every block mined here is snapshotted and
    journalled, so bollard_reorg can drop the last blocks and --state can replay the chain."""

    def __init__(self, devnet, state_file, genesis_timestamp):
        self.devnet = devnet
        self.tester = devnet.tester
        self.tester.disable_auto_mine_transactions()
        self.txs = {}
        self.automine = True
        self.min_tip = 0
        self.price_bump = 10
        self.order = 0
        self.state_file = state_file
        self.genesis_timestamp = genesis_timestamp
        # Block number → (timestamp, [raw txs]) and → the snapshot of its parent.
        self.blocks = {}
        self.snapshots = {}

    def by_hash(self, tx_hash):
        return next((t for t in self.txs.values() if t.hash == tx_hash), None)

    def state_nonce(self, sender):
        return self.tester.get_nonce(sender, "latest")

    def pending_nonce(self, sender):
        sender = Web3.to_checksum_address(sender)
        nonce = self.state_nonce(sender)
        while (sender, nonce) in self.txs:
            nonce += 1
        return nonce

    def add(self, raw):
        if raw[:1] != b"\x02":
            raise RPCError(-32000, "transaction type not supported")
        try:
            fields = rlp.decode(raw[1:])
            sender = Account.recover_transaction(raw)
        except Exception as error:
            raise RPCError(-32000, "invalid transaction: %s" % error)
        if int.from_bytes(fields[0], "big") != self.devnet.chain_id:
            raise RPCError(-32000, "invalid chain id for signer")
        tx = PendingTx(raw, fields, sender, self.order)
        if self.by_hash(tx.hash) is not None:
            raise RPCError(-32000, "already known")
        state = self.state_nonce(sender)
        if tx.nonce < state:
            raise RPCError(-32000, "nonce too low: address %s, tx: %d state: %d" % (sender, tx.nonce, state))
        if tx.tip > tx.max_fee:
            raise RPCError(-32000, "max priority fee per gas higher than max fee per gas")
        balance = self.tester.get_balance(sender)
        if balance < tx.gas * tx.max_fee + tx.value:
            raise RPCError(-32000, "insufficient funds for gas * price + value: address %s have %d want %d"
                           % (sender, balance, tx.gas * tx.max_fee + tx.value))
        old = self.txs.get((sender, tx.nonce))
        if old is not None:
            bump = 100 + self.price_bump
            if tx.max_fee * 100 < old.max_fee * bump or tx.tip * 100 < old.tip * bump:
                raise RPCError(-32000, "replacement transaction underpriced")
        self.order += 1
        self.txs[(sender, tx.nonce)] = tx
        if self.automine:
            self.drain()
        return "0x" + tx.hash.hex()

    def ready(self):
        base_fee = self.tester.get_block_by_number("pending")["base_fee_per_gas"]
        out = {}
        for (sender, nonce), tx in sorted(self.txs.items(), key=lambda kv: kv[1].order):
            if sender in out or nonce != self.state_nonce(sender):
                continue
            if tx.tip >= self.min_tip and tx.max_fee >= base_fee:
                out[sender] = tx
        return list(out.values())

    def drain(self):
        for _ in range(len(self.txs)):
            if not self.ready():
                return
            self.mine_block()

    def mine_block(self, only=None):
        number = self.devnet.head() + 1
        self.snapshots[number] = self.tester.take_snapshot()
        included = []
        for tx in (self.ready() if only is None else only):
            del self.txs[(tx.sender, tx.nonce)]
            try:
                self.tester.send_raw_transaction("0x" + tx.raw.hex())
                included.append(tx.raw)
            except Exception as error:
                print("devnet: dropped %s: %s" % ("0x" + tx.hash.hex(), error), file=sys.stderr, flush=True)
        self.tester.mine_blocks(1)
        block = self.tester.get_block_by_number(number)
        self.blocks[number] = (block["timestamp"], hexify(block["mix_hash"]), included)
        for key in [k for k, t in self.txs.items() if t.nonce < self.state_nonce(t.sender)]:
            del self.txs[key]
        self.save()

    def reorg(self, depth, back_to_pool):
        """Replaces the last `depth` blocks by as many empty ones (a sibling chain of the same
        height, so every replaced block that held a transaction changes hash); their
        transactions go back to the pool or are forgotten."""
        head = self.devnet.head()
        first = head - depth + 1
        if depth < 1 or first not in self.snapshots:
            raise RPCError(-32000, "cannot reorganise %d blocks: only blocks mined through the pool can be" % depth)
        dropped = [raw for n in range(first, head + 1) for raw in self.blocks[n][2]]
        self.tester.revert_to_snapshot(self.snapshots[first])
        self.forget_above(first - 1)
        for _ in range(depth):
            self.mine_block(only=[])
        if back_to_pool:
            for raw in dropped:
                fields = rlp.decode(raw[1:])
                tx = PendingTx(raw, fields, Account.recover_transaction(raw), self.order)
                self.order += 1
                self.txs[(tx.sender, tx.nonce)] = tx
        return self.devnet.head()

    def forget_above(self, number):
        for n in [n for n in self.blocks if n > number]:
            del self.blocks[n]
        for n in [n for n in self.snapshots if n > number]:
            del self.snapshots[n]
        self.save()

    def save(self):
        if not self.state_file:
            return
        state = {"genesisTimestamp": self.genesis_timestamp,
                 "blocks": [{"number": n, "timestamp": t, "mixHash": mix, "transactions": ["0x" + r.hex() for r in raws]}
                            for n, (t, mix, raws) in sorted(self.blocks.items())]}
        partial = self.state_file + ".partial"
        with open(partial, "w") as f:
            json.dump(state, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, self.state_file)

    def replay(self, blocks):
        """Mines the saved blocks again, with their timestamps, so every hash comes out the same."""
        for block in blocks:
            number = self.devnet.head() + 1
            if block["number"] != number:
                raise SystemExit("devnet: state file skips from block %d to %d" % (number - 1, block["number"]))
            self.snapshots[number] = self.tester.take_snapshot()
            # Straight to py-evm: eth-tester refuses to travel back from the present, and mines
            # with a random mix hash (prevrandao), which is saved and given back here.
            chain = self.tester.backend.chain
            chain.header = chain.header.copy(timestamp=block["timestamp"])
            raws = [bytes.fromhex(r[2:]) for r in block["transactions"]]
            for raw in raws:
                chain.apply_transaction(chain.get_vm().get_transaction_builder().decode(raw))
            mix = block["mixHash"]
            chain.mine_block(coinbase=b"\0" * 20, mix_hash=bytes.fromhex(mix[2:]), blob_gas_used=0)
            self.blocks[number] = (block["timestamp"], mix, raws)


def answer(devnet, request):
    if not isinstance(request, dict) or "method" not in request:
        return {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "invalid request"}}
    reply = {"jsonrpc": "2.0", "id": request.get("id")}
    try:
        with LOCK:
            reply["result"] = devnet.call(request["method"], request.get("params") or [])
    except RPCError as error:
        reply["error"] = {"code": error.code, "message": error.message}
    return reply


def handler_class(devnet):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Without this every reply waits ~40 ms on Nagle + delayed ACK.
        disable_nagle_algorithm = True

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            try:
                body = json.loads(self.rfile.read(length))
            except ValueError:
                reply = {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "parse error"}}
            else:
                if isinstance(body, dict) and body.get("method") == "devnet_failNext":
                    FAIL_NEXT[0] = int(body.get("params", [0])[0])
                    body = {"jsonrpc": "2.0", "id": body.get("id"), "method": "web3_clientVersion", "params": []}
                elif FAIL_NEXT[0] > 0:
                    FAIL_NEXT[0] -= 1
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                reply = [answer(devnet, r) for r in body] if isinstance(body, list) else answer(devnet, body)
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


def main():
    # A parent may have started us with signals blocked (Foundation's Process passes on the
    # calling thread's mask): SIGTERM must stop the node, as a restart test needs.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file")
    parser.add_argument("--manual-mine", action="store_true")
    parser.add_argument("--mempool", action="store_true")
    parser.add_argument("--state")
    parser.add_argument("--max-log-range", type=int, default=0)
    parser.add_argument("--max-log-results", type=int, default=0)
    args = parser.parse_args()
    if args.state and not args.mempool:
        parser.error("--state needs --mempool")
    saved = None
    if args.state and os.path.exists(args.state):
        with open(args.state) as f:
            saved = json.load(f)
    genesis_timestamp = saved["genesisTimestamp"] if saved else (int(time.time()) if args.state else None)
    devnet = Devnet(args.manual_mine, genesis_timestamp, (args.max_log_range, args.max_log_results))
    if args.mempool:
        devnet.mempool = Mempool(devnet, args.state, genesis_timestamp)
        if saved:
            devnet.mempool.replay(saved["blocks"])
        devnet.mempool.save()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_class(devnet))
    server.daemon_threads = True
    url = "http://127.0.0.1:%d" % server.server_address[1]
    if args.ready_file:
        partial = args.ready_file + ".partial"
        with open(partial, "w") as f:
            f.write(url + "\n")
        os.replace(partial, args.ready_file)
    print("devnet listening on %s (chain id %d)" % (url, devnet.chain_id), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
