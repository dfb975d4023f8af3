package com.saleskpi.order;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of orders, within the caller's scope (CrudService). */
@Singleton
public class SalesOrderService extends CrudService<SalesOrder> {

    public SalesOrderService(SalesOrderRepository repository, CrudSupport support) {
        super(repository, SalesOrder.class, "order", support);
    }
}
