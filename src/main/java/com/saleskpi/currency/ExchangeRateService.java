package com.saleskpi.currency;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of exchange rates, within the caller's scope (CrudService). */
@Singleton
public class ExchangeRateService extends CrudService<ExchangeRate> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "exchange-rates";

    public ExchangeRateService(CrudSupport support) {
        super(ExchangeRate.class, "exchange rate", COLLECTION, support);
    }
}
