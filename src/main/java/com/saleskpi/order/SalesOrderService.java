package com.saleskpi.order;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of orders, within the caller's scope (CrudService). */
@Singleton
public class SalesOrderService extends CrudService<SalesOrder> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "orders";

    public SalesOrderService(CrudSupport support) {
        super(SalesOrder.class, "order", COLLECTION, support);
    }
}
