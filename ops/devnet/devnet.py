#!/usr/bin/env python3
"""A local EVM JSON-RPC node for Bollard's tests: py-evm (Prague) behind eth-tester, served over
HTTP on 127.0.0.1 with the standard library only.

Funded accounts: private keys 0x..01 to 0x..0a. One block is mined per transaction unless
--manual-mine. The provider's answers are brought to the execution-apis shapes a real node
gives (hex quantities, receipts, logs, eth_feeHistory); py-evm's error texts are mapped to
geth's wording with the original kept in brackets.

  devnet.py [--port 0] [--ready-file FILE] [--manual-mine]

For failure tests, `devnet_failNext [n]` makes the next n HTTP requests fail with 503, and
`devnet_lieNext` makes the next eth_signTransaction sign with another funded key.

With --port 0 a free port is chosen; the ready file receives the URL once the socket listens.
"""
import argparse
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import rlp
from eth_account import Account
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
    def __init__(self, manual_mine):
        self.tester = EthereumTester(PyEVMBackend())
        if manual_mine:
            self.tester.disable_auto_mine_transactions()
        self.w3 = Web3(EthereumTesterProvider(self.tester), middleware=[])
        self.request = self.w3.provider.request_func(self.w3, self.w3.middleware_onion)
        self.chain_id = self.w3.eth.chain_id

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
        return [self.fix_log(log) for log in self.call_raw("eth_getLogs", [query])]

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
        self.tester.mine_blocks(count)
        return "0x0"

    def rpc_evm_snapshot(self, params):
        return hex(self.tester.take_snapshot())

    def rpc_evm_revert(self, params):
        self.tester.revert_to_snapshot(int(params[0], 16))
        return True


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file")
    parser.add_argument("--manual-mine", action="store_true")
    args = parser.parse_args()
    devnet = Devnet(args.manual_mine)
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
