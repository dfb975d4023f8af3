package com.saleskpi.account;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of accounts, within the caller's scope (CrudService). */
@Singleton
public class AccountService extends CrudService<Account> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "accounts";

    public AccountService(CrudSupport support) {
        super(Account.class, "account", COLLECTION, support);
    }
}
