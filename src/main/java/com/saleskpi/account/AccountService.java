package com.saleskpi.account;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of accounts, within the caller's scope (CrudService). */
@Singleton
public class AccountService extends CrudService<Account> {

    public AccountService(AccountRepository repository, CrudSupport support) {
        super(repository, Account.class, "account", support);
    }
}
