// SPDX-License-Identifier: GPL-2.0

//! Unload-cost client with 1 static SRCU domains (body and parameters:
//! `srcu_unload_client.rs`).

#[path = "../rust/bounded_param.rs"]
mod bounded_param;
#[path = "../rust/kthread.rs"]
mod kthread;
#[path = "../rust/srcu.rs"]
mod srcu;
#[path = "srcu_unload_client.rs"]
mod srcu_unload_client;

use kernel::prelude::*;
use srcu_unload_client::Client;

module! {
    type: Client,
    name: "srcu_unload_1",
    author: "srcu-guard developers",
    description: "Unload-cost client with 1 static SRCU domains",
    license: "GPL",
}

static_srcu_array!(static DOMAINS: [_; 1]);
